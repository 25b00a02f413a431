# syntax=docker/dockerfile:1
# termbot: multi-stage build; the runtime image has production dependencies only and runs as a non-root user.
# Pick the Node base with --build-arg NODE_IMAGE=node:22-bookworm-slim (default: current LTS).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 falls back to a source build when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# `prepare` (scripts/build-if-needed.mjs) has nothing to build yet: src/ comes in the next layer.
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    KNOWLEDGE_DIR=/app/knowledge \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The bundled knowledge; mount your own folder over /app/knowledge (read-only is fine) to override it.
COPY --chown=root:root knowledge ./knowledge
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Every chat mode serves GET /healthz (alive) and /readyz (knowledge loaded, adapters connected,
# term-of-the-day store open or deliberately off) on PORT. The slim image has no curl: Node asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 gets SIGTERM from `docker stop` directly and exits within SHUTDOWN_TIMEOUT (8 s, under Docker's 10 s).
CMD ["node", "dist/app/main.js"]
