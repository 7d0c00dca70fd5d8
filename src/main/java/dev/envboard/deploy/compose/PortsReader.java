package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/** ports:, in the short ("8080:80/udp") or the long ({target, published, protocol, mode}) syntax. */
final class PortsReader {
    private final StackContext context;

    PortsReader(StackContext context) {
        this.context = context;
    }

    List<PortMapping> read(YamlNode service) throws InputException {
        List<PortMapping> ports = new ArrayList<>();
        if (service.get("ports").isEmpty()) {
            return ports;
        }
        for (YamlNode item : service.require("ports").items()) {
            context.problems().run(() -> ports.addAll(item.isMap() ? List.of(longSyntax(item)) : shortSyntax(item)));
        }
        return ports;
    }

    private List<PortMapping> shortSyntax(YamlNode item) throws InputException {
        try {
            PortSyntax.Parsed parsed = PortSyntax.parse(context.scalars().text(item));
            if (!parsed.hostIp().isEmpty()) {
                context.problems().warn(item, "host IP " + parsed.hostIp()
                        + " is not supported by Envboard and ignored: the port is published on every address");
            }
            return parsed.ports();
        } catch (IllegalArgumentException e) {
            throw item.problem(e.getMessage());
        }
    }

    private PortMapping longSyntax(YamlNode item) throws InputException {
        ComposeKeys.PORT.check(item, context);
        int target = port(item.require("target"));
        int published = item.get("published").isPresent() ? port(item.require("published")) : 0;
        String protocol = "tcp";
        if (item.get("protocol").isPresent()) {
            YamlNode node = item.require("protocol");
            try {
                protocol = PortSyntax.protocol(context.scalars().text(node));
            } catch (IllegalArgumentException e) {
                throw node.problem(e.getMessage());
            }
        }
        String mode = "ingress";
        if (item.get("mode").isPresent()) {
            YamlNode node = item.require("mode");
            mode = context.scalars().text(node).trim();
            if (!mode.equals("ingress") && !mode.equals("host")) {
                throw node.problem("must be ingress or host, not \"" + mode + "\"");
            }
        }
        return new PortMapping(published, target, protocol, mode);
    }

    private int port(YamlNode node) throws InputException {
        try {
            return PortSyntax.port(context.scalars().text(node));
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }
}
