package dev.envboard.deploy;

/** Compose stacks the deploy tests use: busybox only, processes that stop promptly on SIGTERM. */
final class TestStacks {
    private TestStacks() {
    }

    /** web (2 replicas, at most 1 per host, healthcheck) ← api (waits for web healthy) ← worker (3 replicas). */
    static String threeServices(String image) {
        return """
                x-quick-stop: &quick-stop
                  stop_grace_period: 2s
                  pull_policy: never # the sandbox image is imported on every engine, in no registry
                services:
                  web:
                    <<: *quick-stop
                    image: %s
                    command: ["sh", "-c", "mkdir -p /www && echo ${ENVIRONMENT} > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
                      interval: 1s
                      timeout: 2s
                      retries: 5
                    deploy:
                      replicas: 2
                      placement:
                        max_replicas_per_node: 1
                  api:
                    <<: *quick-stop
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    depends_on:
                      web:
                        condition: service_healthy
                  worker:
                    <<: *quick-stop
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do echo working; sleep 1 & wait $$!; done"]
                    depends_on: [api]
                    deploy:
                      replicas: 3
                """.formatted(image, image, image);
    }
}
