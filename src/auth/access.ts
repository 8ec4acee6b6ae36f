// Who may do what, for the GraphQL context and the plain HTTP routes (exports, imports) alike.
import type { PrismaClient } from '../generated/prisma/client.js';
import { authenticate, NotAuthenticated, permissionsOf, refusal, type OperatorToken, type Permissions, type Viewer, viewerOfSecret } from './viewer.js';

export interface AccessOptions {
  db: () => PrismaClient;
  /** CHRONICLE_ADMIN_TOKEN and the data directory lock's token, when there are. */
  operatorTokens?: () => OperatorToken[];
  /** Whether anonymous requests may read (CHRONICLE_PUBLIC_READ). */
  publicRead?: boolean;
}

const SCOPE_NAMES: Record<keyof Permissions, string> = { read: 'READ', write: 'WRITE', admin: 'ADMIN' };

export class Access {
  readonly publicRead: boolean;

  constructor(private readonly options: AccessOptions) {
    this.publicRead = options.publicRead ?? true;
  }

  /** Whether a bearer secret is a live token (or an operator's). */
  async isToken(secret: string): Promise<boolean> {
    return (await viewerOfSecret(this.options.db(), secret, this.options.operatorTokens?.() ?? [])) !== null;
  }

  /** The request's viewer (null: anonymous); NotAuthenticated for a header that is no token here. */
  viewer(request: Request): Promise<Viewer | null> {
    return authenticate(request, this.options.db(), this.options.operatorTokens?.() ?? []);
  }

  /**
   * For a route that needs `scope`: the viewer, or the answer refusing the request (401 without a
   * usable token, 403 with one that lacks the scope), in the routes' { error: { message } } shape.
   */
  async check(request: Request, scope: keyof Permissions): Promise<{ viewer: Viewer | null } | { refused: Response }> {
    const refuse = (status: number, message: string) => ({
      refused: Response.json({ error: { message } }, { status, headers: status === 401 ? { 'www-authenticate': 'Bearer' } : {} }),
    });
    let viewer: Viewer | null;
    try {
      viewer = await this.viewer(request);
    } catch (error) {
      if (error instanceof NotAuthenticated) return refuse(401, error.reason);
      throw error;
    }
    if (permissionsOf(viewer, this.publicRead)[scope]) return { viewer };
    const { status, message } = refusal(viewer, SCOPE_NAMES[scope]);
    return refuse(status, message);
  }
}
