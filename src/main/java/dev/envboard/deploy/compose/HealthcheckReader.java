package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** healthcheck:, with test as a string (run by a shell) or as Docker's list form. */
final class HealthcheckReader {
    private static final Set<String> TEST_KINDS = Set.of("CMD", "CMD-SHELL", "NONE");

    private final StackContext context;

    HealthcheckReader(StackContext context) {
        this.context = context;
    }

    /** Null when the service has no healthcheck: (the image's own then applies). */
    HealthcheckDef read(YamlNode service) throws InputException {
        if (service.get("healthcheck").isEmpty()) {
            return null;
        }
        YamlNode node = service.require("healthcheck");
        ComposeKeys.HEALTHCHECK.check(node, context);
        Problems problems = context.problems();
        Scalars scalars = context.scalars();
        List<String> test = problems.attempt(List.of(), () -> test(node));
        boolean disable = problems.attempt(false, () -> node.get("disable").isPresent() && scalars.bool(node.require("disable")));
        Duration interval = problems.attempt(null, () -> duration(node, "interval"));
        Duration timeout = problems.attempt(null, () -> duration(node, "timeout"));
        Duration startPeriod = problems.attempt(null, () -> duration(node, "start_period"));
        Integer retries = problems.attempt(null, () -> node.get("retries").isPresent()
                ? scalars.wholeNumber(node.require("retries"), 0) : null);
        boolean testsNothing = test.equals(List.of("NONE"));
        if (disable && !test.isEmpty() && !testsNothing) {
            problems.error(node.require("disable"), "disable: true cannot be combined with a test");
        }
        if (disable || testsNothing) {
            return new HealthcheckDef(List.of("NONE"), interval, timeout, retries, startPeriod, true);
        }
        return new HealthcheckDef(test, interval, timeout, retries, startPeriod, false);
    }

    private List<String> test(YamlNode healthcheck) throws InputException {
        if (healthcheck.get("test").isEmpty()) {
            return List.of();
        }
        YamlNode node = healthcheck.require("test");
        if (node.isScalar()) {
            String command = context.scalars().text(node);
            if (command.isBlank()) {
                throw node.problem("is empty");
            }
            return List.of("CMD-SHELL", command);
        }
        List<String> test = new ArrayList<>(context.scalars().texts(node));
        if (test.isEmpty() || !TEST_KINDS.contains(test.get(0))) {
            throw node.problem("a list test starts with CMD, CMD-SHELL or NONE");
        }
        if (!test.get(0).equals("NONE") && test.size() < 2) {
            throw node.problem(test.get(0) + " needs a command after it");
        }
        return test;
    }

    private Duration duration(YamlNode healthcheck, String key) throws InputException {
        return healthcheck.get(key).isPresent() ? context.scalars().duration(healthcheck.require(key)) : null;
    }
}
