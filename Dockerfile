# protocolbot: one container for Slack (Socket Mode or HTTP) and Microsoft Teams.
# Build: docker build -t protocolbot .
# The jar is built as in the README (mvn -B -DskipTests package); tests run in CI, not here.
#
# Base images are pinned to exact versions. They are not pinned by digest: digests could not be looked up where
# this file was written (no Docker engine, no access to a container registry), and a made-up digest would break
# every build. To pin by digest, look it up and pass it in, e.g.
#   docker buildx imagetools inspect eclipse-temurin:17.0.16_8-jre      (prints "Digest: sha256:…")
#   docker build --build-arg JRE_IMAGE=eclipse-temurin:17.0.16_8-jre@sha256:<digest> \
#                --build-arg MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17@sha256:<digest> -t protocolbot .
# or write the digests into the two ARG lines below (Renovate and Dependabot keep tag and digest up to date).
ARG MAVEN_IMAGE=maven:3.9.11-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17.0.16_8-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
# Dependencies and plugins first, in their own layer: it is rebuilt only when pom.xml changes. The repository is
# kept under /build, not ~/.m2, so that no VOLUME of the base image can drop it. Every plugin is pinned in pom.xml,
# so the offline package below finds all it needs.
COPY pom.xml .
RUN mvn -B -q -Dmaven.repo.local=/build/repository dependency:go-offline
COPY src ./src
COPY corpus ./corpus
RUN mvn -B -q -o -Dmaven.repo.local=/build/repository -DskipTests package

FROM ${JRE_IMAGE}
# A numeric user and group (10001), so that Kubernetes' runAsNonRoot can check that it is not root.
RUN groupadd --gid 10001 protocolbot \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin protocolbot \
    && mkdir -p /app/corpus /data && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /src/target/protocolbot.jar /app/protocolbot.jar
# The corpus is bundled in the jar and also baked in here, so that PROTOCOLBOT_CORPUS can point at it or at a
# mounted folder of your own (-v /srv/protocol:/corpus -e PROTOCOLBOT_CORPUS=/corpus): changes there are followed.
# the corpus folder is the bot's own (teaching writes example questions there) and a volume, so that what is
# taught survives a new image and replicas can share it
COPY --chown=10001:10001 corpus /app/corpus
ENV PORT=3000 \
    PROTOCOLBOT_DATA=/data \
    PROTOCOLBOT_CORPUS=/app/corpus
VOLUME ["/data", "/app/corpus"]
EXPOSE 3000
USER 10001:10001
# GET /healthz with bash's /dev/tcp: no second JVM every 30 s, and no curl or wget to install. 200 once the index
# is ready; 503 while it is built; no answer when the process is gone.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3000} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && IFS= read -r -t 4 status <&3 && [[ $status == *' 200 '* ]]"]
# ExitOnOutOfMemoryError: a JVM out of memory is stopped, so the orchestrator restarts it, instead of limping on.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-jar", "/app/protocolbot.jar"]
CMD ["serve"]
