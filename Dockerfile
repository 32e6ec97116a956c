# wams-gateway as a container image. Multi-stage: the build stage compiles and packages the jar
# (tests run in CI, not here) and extracts it; the runtime stage has only a JRE, the extracted jar
# and its AOT cache, runs as a non-root user and needs no writable file system but /tmp (mount an
# emptyDir or tmpfs there).
#
#   docker build -t wams-gateway .
#   docker run --read-only --tmpfs /tmp -v /etc/wams:/etc/wams:ro -p 8443:8443 -p 9444:9444 wams-gateway
#
# The configuration and every key come from outside the image (docs/deployment.md).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY adapters/pom.xml adapters/
COPY gateway/pom.xml gateway/
RUN mvn -B -q -pl adapters,gateway -am dependency:go-offline
COPY . .
RUN mvn -B -q -pl adapters,gateway -am -DskipTests -Dspotless.check.skip=true package
# Extracted: the classes load from plain jars in lib/, not from jars nested in the fat jar (start-up
# spent almost half its time there; docs/performance.md, "Start-up").
RUN java -Djarmode=tools -jar gateway/target/wams-gateway.jar extract --destination /opt/wams

# Java 25 for its start-up with an AOT cache (below) and for the federated path (its signing is
# faster); without peers, warm, it is not cheaper per request than 17 (docs/performance.md).
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 wams \
 && useradd --system --uid 10001 --gid wams --home-dir /nonexistent --shell /usr/sbin/nologin wams
COPY --from=build /opt/wams /opt/wams
ENV WAMS_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"
# An AOT cache (JEP 483) from one training start of the demo's municipality gateway (fictional keys,
# thrown away after): the classes it loads and links come ready from the cache, which halves the
# time to ready. spring.context.exit=onRefresh ends the training once the context is up. A JVM that
# cannot use the cache says so once and starts without it.
COPY --from=build /src/config/demo /tmp/training/config/demo
COPY --from=build /src/certs-example /tmp/training/certs-example
RUN cd /tmp/training \
 && java -XX:AOTCacheOutput=/opt/wams/wams-gateway.aot -Dspring.context.exit=onRefresh \
      -jar /opt/wams/wams-gateway.jar run --config config/demo/gemeente.yml \
 && rm -rf /tmp/training
USER 10001:10001
# API (HTTPS), peer listener (mutual TLS), management (health, metrics: keep it inside).
EXPOSE 8443 9444 9090
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-jar", "/opt/wams/wams-gateway.jar", "health", "--url", "http://127.0.0.1:9090/actuator/health/readiness"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:AOTCache=/opt/wams/wams-gateway.aot", "-jar", "/opt/wams/wams-gateway.jar"]
CMD ["run", "--config", "/etc/wams/gateway.yml"]
