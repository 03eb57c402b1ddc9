# The service image for docker-compose.yml: compiled once, run without dev dependencies.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# The dashboard page (web/, ADR 0014): its own toolchain, only its built files reach the image.
FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./
RUN npm run build

# Production dependencies in their own stage, so the final image carries no compiler or test tools.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000
WORKDIR /app
# package.json marks the project root: the app finds data/reference, es-mappings and
# schema.graphql next to it at run time.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=web /web/dist ./web/dist
COPY schema.graphql ./
COPY data/reference ./data/reference
COPY es-mappings ./es-mappings
USER node
EXPOSE 3000
# Migrations first: they are idempotent, and the app refuses to start on an outdated schema.
CMD ["sh", "-c", "node dist/cli/main.js migrate && exec node dist/main.js"]
