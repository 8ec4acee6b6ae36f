// Who may do what, for the GraphQL context and the plain HTTP routes (exports, imports) alike.
import type { PrismaClient } from '../generated/prisma/client.js';
import { authenticate, NotAuthenticated, permissionsOf, type OperatorToken, type Permissions, type Viewer } from './viewer.js';

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
    return viewer
      ? refuse(403, `the token "${viewer.name}" has the ${viewer.scope} scope; this needs ${SCOPE_NAMES[scope]}: ask an administrator for a token with it`)
      : refuse(401, `this needs a token with the ${SCOPE_NAMES[scope]} scope: send it as Authorization: Bearer <token> (chronicle token create makes one)`);
  }
}
