package dev.envboard.demo;

import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels a demo's services and containers carry, so that {@code docker ps} on any of its
 * hosts says whose demo it is, for which customer, from which template, since when.
 */
public final class DemoLabels {
    public static final String OWNER = "dev.envboard.demo.owner";
    public static final String CUSTOMER = "dev.envboard.demo.customer";
    public static final String TEMPLATE = "dev.envboard.demo.template";
    public static final String CREATED = "dev.envboard.demo.created";

    private DemoLabels() {
    }

    public static Map<String, String> of(Demo demo) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(OWNER, demo.owner());
        labels.put(CUSTOMER, demo.customer());
        labels.put(TEMPLATE, demo.template());
        labels.put(CREATED, demo.created().toString());
        return labels;
    }

    /** The stack with the demo's labels on every service (both drivers put a service's labels on its containers). */
    static Stack on(Stack stack, Demo demo) {
        Map<String, String> labels = of(demo);
        Map<String, ServiceDef> services = new LinkedHashMap<>();
        stack.services().forEach((name, service) -> services.put(name, service.withImage(service.image(), labels)));
        return new Stack(stack.file(), stack.environment(), services, stack.networks(), stack.warnings(), stack.sha256());
    }
}
