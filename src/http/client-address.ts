// Who asks, for per-client limits: the peer's address, as the Node adapter gives it (a proxy in
// front is one client).

/** What the Node adapter puts in the server context: the request's socket, the response to cut. */
export interface NodeContext {
  req?: { socket?: { remoteAddress?: string } };
  res?: { destroy(): void };
}

export function clientAddress(serverContext: unknown): string {
  return (serverContext as NodeContext).req?.socket?.remoteAddress ?? 'local';
}
