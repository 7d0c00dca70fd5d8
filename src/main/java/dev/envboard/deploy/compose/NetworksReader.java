package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top-level networks: {name: {driver, driver_opts, external, labels}}. */
final class NetworksReader {
    private final StackContext context;

    NetworksReader(StackContext context) {
        this.context = context;
    }

    Map<String, NetworkDef> read(YamlNode networks) throws InputException {
        Map<String, NetworkDef> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : networks.entries().entrySet()) {
            NetworkDef network = context.problems().attempt(null, () -> network(entry.getKey(), entry.getValue()));
            if (network != null) {
                out.put(entry.getKey(), network);
            }
        }
        return out;
    }

    private NetworkDef network(String name, YamlNode node) throws InputException {
        if (node.isNull()) {
            return NetworkDef.plain(name);
        }
        ComposeKeys.NETWORK.check(node, context);
        Scalars scalars = context.scalars();
        String driver = node.get("driver").isPresent() ? scalars.text(node.require("driver")).trim() : null;
        boolean external = node.get("external").isPresent() && scalars.bool(node.require("external"));
        if (external && driver != null) {
            throw node.require("driver").problem("an external network is used as it is: it cannot have a driver here");
        }
        Map<String, String> labels = node.get("labels").isPresent()
                ? new KeyValuesReader(context).labels(node.require("labels")) : Map.of();
        Map<String, String> options = node.get("driver_opts").isPresent()
                ? new KeyValuesReader(context).labels(node.require("driver_opts")) : Map.of();
        if (external && !options.isEmpty()) {
            throw node.require("driver_opts").problem("an external network is used as it is: it cannot have driver_opts here");
        }
        return new NetworkDef(name, driver == null || driver.isEmpty() ? null : driver, external, labels, options);
    }
}
