# syntax=docker/dockerfile:1
# Hindsight container images (see docs/deployment.md).
#   docker build -t hindsight .                    the web app: Next's standalone server, non-root
#   docker build --target tools -t hindsight-tools .  migrations (`npm run db:migrate`) and the
#                                                  standalone email worker (`npm run worker`)
ARG NODE_VERSION=24.22.3

FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# Every dependency, development ones included: the build needs them, and so do migrations
# (Prisma's schema engine as WebAssembly, @prisma/schema-engine-wasm) and the worker (tsx).
# postinstall generates the Prisma client, so its inputs come first.
FROM base AS deps
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/db/generate.mjs ./scripts/db/generate.mjs
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN BUILD_STANDALONE=1 npm run build

# Migrations and the worker: the sources with all dependencies, run as the unprivileged `node`.
FROM deps AS tools
COPY . .
RUN chown -R node:node /app
USER node
ENV NODE_ENV=production
CMD ["node", "--import", "tsx", "scripts/db/migrate.ts", "deploy"]

# The web app: only what `next build` traced as needed (output: "standalone").
FROM base AS runtime
# As `npm start` runs the server (scripts/node-options.ts): the V8 heap capped at 256 MB and two
# malloc arenas, so it stays under ~500 MB resident under load (docs/benchmarks.md). Override
# either in the container's environment (the Kubernetes limit is 768 Mi).
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    NODE_OPTIONS=--max-old-space-size=256 \
    MALLOC_ARENA_MAX=2
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
USER node
EXPOSE 3000
# Liveness only (the process answers, whatever the database does: /api/live never queries it);
# database reachability is /api/health, readiness (database, migrations, queue) is /api/ready.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and receives SIGTERM: Next stops accepting connections, finishes requests
# in flight, closes live streams and exits (lib/server/shutdown.ts).
CMD ["node", "server.js"]
