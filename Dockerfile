# syntax=docker/dockerfile:1.7
#
# One image for every Timely process; the command picks the role:
#   API         node dist/api/main.js            (default)
#   worker      node dist/worker/main.js
#   migrations  node dist/db/migrate-cli.js
#   schedules   node dist/scripts/schedules.js
#   Plaid demo  node dist/plaid-sandbox/main.js  (local demo only; refused in production)
#
# Build:  docker build -t registry.example.com/timely/timely:0.1.0 .
# Stages: deps (npm ci, all deps) -> build (tsc + migrations + workflow bundle + web app)
#         prod-deps (npm ci --omit=dev) -> runtime (slim, non-root, no npm).
# Pin the base image by digest in your registry mirror if you can (node:...@sha256:...).

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- deps: every dependency, for compiling and bundling -------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no install script is needed to build (native binaries ship as optional
# packages), and it keeps the build the same whatever npm version the base image carries.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# ---- build: TypeScript -> dist/, SQL migrations next to the JS, workflow bundle prebuilt -----
# dist/package.json: compiled code that does require('../../package.json') finds it there.
# dist/workflow-bundle.js: the worker loads it (WORKFLOW_BUNDLE_PATH) instead of running webpack
# at start-up, so workers start in seconds and the runtime needs no bundler toolchain.
# dist/web: the customer web app (vite, react: devDependencies, present in this stage only),
# served by the API from there (api/web-app.ts).
FROM deps AS build
COPY . .
RUN npx tsc -p . \
 && mkdir -p dist/db \
 && cp -R db/migrations dist/db/migrations \
 && if [ -d plaid-sandbox/migrations ]; then \
      mkdir -p dist/plaid-sandbox && cp -R plaid-sandbox/migrations dist/plaid-sandbox/migrations; \
    fi \
 && mkdir -p dist/plaid-sandbox/link-ui && cp plaid-sandbox/link-ui/link-initialize.js dist/plaid-sandbox/link-ui/ \
 && cp package.json dist/package.json \
 && node dist/scripts/bundle-workflows.js dist/workflow-bundle.js \
 && test -s dist/workflow-bundle.js \
 && npx vite build --config web/vite.config.mts \
 && test -s dist/web/index.html

# ---- prod-deps: runtime dependencies only ---------------------------------------------------
# --omit=optional drops the dev-only embedded PostgreSQL and the esbuild/SWC compilers, which
# the runtime never loads because the workflow bundle is prebuilt. The Temporal core bridge
# ships native libraries for five platforms and its Rust sources: keep only this platform's.
FROM ${NODE_IMAGE} AS prod-deps
ARG TARGETARCH
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && case "${TARGETARCH:-amd64}" in \
      arm64) keep=aarch64-unknown-linux-gnu ;; \
      *) keep=x86_64-unknown-linux-gnu ;; \
    esac \
 && bridge=node_modules/@temporalio/core-bridge \
 && test -f "$bridge/releases/$keep/index.node" \
 && find "$bridge/releases" -mindepth 1 -maxdepth 1 ! -name "$keep" -exec rm -rf {} + \
 && rm -rf "$bridge/sdk-core"

# ---- runtime ---------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="timely" \
      org.opencontainers.image.description="Timely API, Temporal worker and migrations" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="UNLICENSED"
# npm and corepack are not needed to run: fewer files, fewer CVEs.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_PORT=9464 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
# Owned by root and read-only for the app user: works with readOnlyRootFilesystem.
COPY --from=prod-deps /app/node_modules ./node_modules
# dist/ holds the compiled code, migrations, the workflow bundle and the built web app (dist/web).
COPY --from=build /app/dist ./dist
COPY package.json ./
# The node image's unprivileged user, numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000 9464
# Node handles SIGTERM itself (the API closes its server, the worker drains activities).
CMD ["node", "dist/api/main.js"]
