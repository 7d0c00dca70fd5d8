package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's volumes:, short ({@code ./data:/var/lib/data:ro}) or long syntax. Host paths become
 * absolute, relative to the compose file's folder; named volumes must be declared at top level.
 */
final class MountsReader {
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    // Options Docker knows (SELinux labels, propagation, macOS consistency) that Envboard does not pass on.
    private static final Set<String> IGNORED_OPTIONS = Set.of("z", "Z", "nocopy", "cached", "delegated", "consistent",
            "shared", "slave", "private", "rshared", "rslave", "rprivate");
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("tmpfs", "npipe", "cluster", "image");

    private final StackContext context;

    MountsReader(StackContext context) {
        this.context = context;
    }

    List<VolumeMount> read(YamlNode service) throws InputException {
        List<VolumeMount> mounts = new ArrayList<>();
        if (service.get("volumes").isEmpty()) {
            return mounts;
        }
        for (YamlNode item : service.require("volumes").items()) {
            VolumeMount mount = context.problems().attempt(null, () -> item.isMap() ? longSyntax(item) : shortSyntax(item));
            if (mount != null) {
                mounts.add(mount);
            }
        }
        return mounts;
    }

    private VolumeMount shortSyntax(YamlNode item) throws InputException {
        String text = context.scalars().text(item).trim();
        String[] parts = text.split(":", -1);
        if (parts.length > 3) {
            throw item.problem("expected SOURCE:TARGET[:ro|rw], not \"" + text + "\"");
        }
        String target = parts.length == 1 ? parts[0] : parts[1];
        requireAbsoluteTarget(item, target);
        boolean readOnly = parts.length == 3 && readOnly(item, parts[2]);
        if (parts.length == 1) {
            return new VolumeMount("volume", "", target, false);
        }
        String source = parts[0];
        if (isHostPath(source)) {
            return new VolumeMount("bind", hostPath(source), target, readOnly);
        }
        return new VolumeMount("volume", namedVolume(item, source), target, readOnly);
    }

    private VolumeMount longSyntax(YamlNode item) throws InputException {
        ComposeKeys.VOLUME.check(item, context);
        YamlNode typeNode = item.require("type");
        String type = context.scalars().text(typeNode).trim();
        if (UNSUPPORTED_TYPES.contains(type)) {
            context.problems().warn(typeNode, "mounts of type " + type + " are not supported by Envboard yet; this mount is ignored");
            return null;
        }
        if (!type.equals("bind") && !type.equals("volume")) {
            throw typeNode.problem("must be bind or volume, not \"" + type + "\"");
        }
        YamlNode targetNode = item.require("target");
        String target = context.scalars().text(targetNode).trim();
        requireAbsoluteTarget(targetNode, target);
        boolean readOnly = item.get("read_only").isPresent() && context.scalars().bool(item.require("read_only"));
        if (type.equals("bind")) {
            YamlNode sourceNode = item.require("source");
            String source = context.scalars().text(sourceNode).trim();
            if (source.isEmpty() || source.startsWith("~")) {
                throw sourceNode.problem("write the host path absolute or relative to the compose file (~ is not expanded)");
            }
            return new VolumeMount("bind", hostPath(source), target, readOnly);
        }
        if (item.get("source").isEmpty()) {
            return new VolumeMount("volume", "", target, readOnly);
        }
        YamlNode sourceNode = item.require("source");
        return new VolumeMount("volume", namedVolume(sourceNode, context.scalars().text(sourceNode).trim()), target, readOnly);
    }

    private boolean readOnly(YamlNode item, String options) throws InputException {
        boolean readOnly = false;
        for (String option : options.split(",")) {
            if (option.equals("ro")) {
                readOnly = true;
            } else if (IGNORED_OPTIONS.contains(option)) {
                context.problems().warn(item, "volume option \"" + option + "\" is not supported by Envboard and ignored");
            } else if (!option.equals("rw")) {
                throw item.problem("unknown volume option \"" + option + "\" (use ro or rw)");
            }
        }
        return readOnly;
    }

    private String namedVolume(YamlNode at, String name) throws InputException {
        if (!VOLUME_NAME.matcher(name).matches()) {
            throw at.problem("\"" + name + "\" is neither a volume name nor a host path (host paths start with /, ./ or ../)");
        }
        if (!context.volumes().contains(name)) {
            throw at.problem("volume \"" + name + "\" is not declared under the top-level volumes:");
        }
        return name;
    }

    private String hostPath(String source) {
        Path path = Path.of(source);
        return (path.isAbsolute() ? path : context.composeDir().toAbsolutePath().resolve(path)).normalize().toString();
    }

    private static void requireAbsoluteTarget(YamlNode at, String target) throws InputException {
        if (!target.startsWith("/")) {
            throw at.problem("the path in the container must be absolute, not \"" + target + "\"");
        }
    }

    private static boolean isHostPath(String source) {
        return source.startsWith("/") || source.startsWith("./") || source.startsWith("../")
                || source.equals(".") || source.equals("..");
    }
}
