# Chronicle's image: built in one stage, run from a second that holds only what runs.
#   docker build -t chronicle .
#   docker run -p 4000:4000 -v chronicle-data:/data chronicle                 # embedded database
#   docker run -p 4000:4000 -e DATABASE_URL=postgresql://... chronicle        # PostgreSQL
# docs/deploy.md has the rest: compose with PostgreSQL and Redis, several instances, /metrics.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Everything `npm ci` needs: its postinstall generates the Prisma client and compiles to dist/.
# The prune then drops what only that needed: the prisma CLI and TypeScript are development
# dependencies, but also optional peers of @prisma/client, which only --omit=optional removes.
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && rm -rf test bench .ci

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    CHRONICLE_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# Not root: the server only needs to read /app and write its data directory.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4000
# Readiness: 200 once the database answers (migrations done), 503 otherwise.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The server process itself, not npm: SIGTERM from `docker stop` reaches it, it drains and exits 0.
CMD ["node", "dist/src/cli.js", "serve"]
