# protocolbot: one container for Slack (Socket Mode or HTTP) and Microsoft Teams.
# Build: docker build -t protocolbot .
# The jar is built exactly as in the README (mvn -B -DskipTests package); tests run in CI, not here.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY corpus ./corpus
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system protocolbot && useradd --system --gid protocolbot --home-dir /app protocolbot \
    && mkdir -p /app/corpus /data && chown protocolbot:protocolbot /data
WORKDIR /app
COPY --from=build /src/target/protocolbot.jar /app/protocolbot.jar
# The corpus is bundled in the jar and also baked in here, so that PROTOCOLBOT_CORPUS can point at it or at a
# mounted folder of your own (-v /srv/protocol:/corpus -e PROTOCOLBOT_CORPUS=/corpus): changes there are followed.
COPY corpus /app/corpus
ENV PORT=3000 \
    PROTOCOLBOT_DATA=/data \
    PROTOCOLBOT_CORPUS=/app/corpus
VOLUME ["/data"]
EXPOSE 3000
USER protocolbot
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["java", "-jar", "/app/protocolbot.jar", "health"]
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-jar", "/app/protocolbot.jar"]
CMD ["serve"]
