# ccr in a container: `docker build -t ccr .` then see docker-compose.yml, or:
#   docker run -p 3456:3456 -e CCR_APIKEY=<client key> -e CCR_PROVIDER=deepseek -e CCR_API_KEY=<provider key> ccr
#   docker run -p 3456:3456 -v "$PWD/ccr-config:/config" ccr        (a config.json with "APIKEY" in ./ccr-config)
# The server listens on 0.0.0.0 only when an APIKEY is set (CCR_APIKEY, or APIKEY in config.json); without one ccr
# stays on the container's loopback and cannot be reached from outside.
ARG BUN_VERSION=1.4.5

FROM oven/bun:${BUN_VERSION} AS build
WORKDIR /src
COPY package.json bun.lock bunfig.toml tsconfig.json ./
RUN bun install --frozen-lockfile --production
COPY src ./src
COPY scripts/build.ts ./scripts/build.ts
# There is no .git in the build context; pass the commit for `ccr --version`: --build-arg CCR_COMMIT=$(git rev-parse --short HEAD)
ARG CCR_COMMIT=""
RUN bun scripts/build.ts \
 && mkdir -p /out \
 && cp "dist/ccr-linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')" /out/ccr

FROM debian:bookworm-slim
# The binary needs only glibc; Bun carries Mozilla's TLS root certificates, so no ca-certificates package. A provider
# behind a private CA: mount it and set NODE_EXTRA_CA_CERTS=/config/ca.pem (tests/e2e/docker-runtime.test.ts).
RUN useradd --system --uid 10001 --user-group --home-dir /config --no-create-home ccr \
 && mkdir -p /config \
 && chown 10001:10001 /config
COPY --from=build /out/ccr /usr/local/bin/ccr
ENV CCR_HOME=/config HOME=/config
USER 10001:10001
WORKDIR /config
VOLUME /config
EXPOSE 3456
# The binary checks itself: `ccr status` asks /health on the configured port (exit 0 running, 3 not); so pick another
# port with SERVICE_PORT or PORT in config.json, not with `serve --port`, which the check cannot see.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ccr status >/dev/null || exit 1
ENTRYPOINT ["ccr"]
CMD ["serve", "--host", "0.0.0.0"]
