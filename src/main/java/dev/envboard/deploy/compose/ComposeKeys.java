package dev.envboard.deploy.compose;

import java.util.Map;
import java.util.Set;

/** Which keys of the Compose Specification Envboard reads, and why it ignores the others it knows. */
final class ComposeKeys {
    static final KeyPolicy TOP_LEVEL = KeyPolicy.of(
            Set.of("services", "networks", "volumes"),
            Map.of("version", "obsolete in the Compose Specification, ignored",
                    "name", "ignored: Envboard names the stack after its environment",
                    "include", "not supported by Envboard: included files are not read",
                    "secrets", "not supported by Envboard yet: secrets are ignored",
                    "configs", "not supported by Envboard yet: configs are ignored"),
            Set.of("models"));

    static final KeyPolicy SERVICE = KeyPolicy.of(
            Set.of("image", "command", "entrypoint", "environment", "env_file", "labels", "volumes", "ports",
                    "healthcheck", "depends_on", "stop_grace_period", "deploy", "networks", "pull_policy"),
            Map.of("build", "ignored: Envboard does not build images; build the image and push it to its registry "
                            + "beforehand, and name it in image:",
                    "container_name", "ignored: Envboard names containers itself (a service may run several replicas)",
                    "secrets", "not supported by Envboard yet: secrets are ignored",
                    "configs", "not supported by Envboard yet: configs are ignored",
                    "restart", "ignored: use deploy.restart_policy",
                    "scale", "ignored: use deploy.replicas",
                    "profiles", "not supported by Envboard: the service is deployed whatever its profiles",
                    "extends", "not supported by Envboard: the service is read as written, without what it extends"),
            Set.of("annotations", "attach", "blkio_config", "cap_add", "cap_drop", "cgroup", "cgroup_parent",
                    "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime",
                    "cpu_shares", "cpus", "cpuset", "credential_spec", "develop", "device_cgroup_rules", "devices",
                    "dns", "dns_opt", "dns_search", "domainname", "driver_opts", "expose", "external_links",
                    "extra_hosts", "gpus", "group_add", "hostname", "init", "ipc", "isolation", "label_file", "links",
                    "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit",
                    "models", "network_mode", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform",
                    "post_start", "pre_stop", "privileged", "provider", "read_only", "runtime",
                    "security_opt", "shm_size", "stdin_open", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty",
                    "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes_from", "working_dir"));

    static final KeyPolicy DEPLOY = KeyPolicy.of(
            Set.of("mode", "replicas", "placement", "restart_policy", "endpoint_mode"),
            Map.of("resources", "not supported by Envboard yet: resource limits and reservations are ignored"),
            Set.of("labels", "rollback_config", "update_config"));

    static final KeyPolicy PLACEMENT = KeyPolicy.of(
            Set.of("constraints", "max_replicas_per_node"), Map.of(), Set.of("preferences"));

    static final KeyPolicy RESTART_POLICY = KeyPolicy.of(
            Set.of("condition", "delay", "max_attempts", "window"), Map.of(), Set.of());

    static final KeyPolicy HEALTHCHECK = KeyPolicy.of(
            Set.of("test", "interval", "timeout", "retries", "start_period", "disable"), Map.of(),
            Set.of("start_interval"));

    static final KeyPolicy DEPENDENCY = KeyPolicy.of(
            Set.of("condition"),
            Map.of("required", "not supported by Envboard: every dependency is required"),
            Set.of("restart"));

    static final KeyPolicy ENV_FILE = KeyPolicy.of(Set.of("path", "required"), Map.of(), Set.of("format"));

    static final KeyPolicy PORT = KeyPolicy.of(
            Set.of("target", "published", "protocol", "mode"),
            Map.of("host_ip", "not supported by Envboard: the port is published on every address"),
            Set.of("name", "app_protocol"));

    static final KeyPolicy VOLUME = KeyPolicy.of(
            Set.of("type", "source", "target", "read_only"), Map.of(),
            Set.of("bind", "volume", "tmpfs", "image", "consistency"));

    static final KeyPolicy SERVICE_NETWORK = KeyPolicy.of(
            Set.of(), Map.of(),
            Set.of("aliases", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address", "driver_opts",
                    "priority", "gw_priority", "interface_name"));

    static final KeyPolicy NETWORK = KeyPolicy.of(
            Set.of("driver", "driver_opts", "external", "labels"), Map.of(),
            Set.of("attachable", "enable_ipv6", "internal", "ipam", "name"));

    private ComposeKeys() {
    }
}
