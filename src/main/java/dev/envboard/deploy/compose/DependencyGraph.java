package dev.envboard.deploy.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Services and what they depend on, in file order: cycles, and the order to create them in. */
final class DependencyGraph {
    private final Map<String, List<String>> dependsOn;

    private DependencyGraph(Map<String, List<String>> dependsOn) {
        this.dependsOn = dependsOn;
    }

    static DependencyGraph of(Map<String, ServiceDef> services) {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        services.forEach((name, service) -> dependsOn.put(name,
                service.dependsOn().stream().map(Dependency::service).toList()));
        return new DependencyGraph(dependsOn);
    }

    /** Each cycle once, as a path back to its start: [web, api, web]. Unknown services are skipped. */
    List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        Set<Set<String>> seen = new HashSet<>();
        Map<String, Boolean> onPath = new HashMap<>();
        for (String name : dependsOn.keySet()) {
            if (!onPath.containsKey(name)) {
                visit(name, new ArrayList<>(), onPath, cycles, seen);
            }
        }
        return cycles;
    }

    private void visit(String name, List<String> path, Map<String, Boolean> onPath, List<List<String>> cycles,
                       Set<Set<String>> seen) {
        onPath.put(name, true);
        path.add(name);
        for (String dependency : dependsOn.get(name)) {
            if (!dependsOn.containsKey(dependency)) {
                continue;
            }
            if (Boolean.TRUE.equals(onPath.get(dependency))) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
                if (seen.add(new TreeSet<>(cycle))) {
                    cycle.add(dependency);
                    cycles.add(cycle);
                }
            } else if (!onPath.containsKey(dependency)) {
                visit(dependency, path, onPath, cycles, seen);
            }
        }
        path.remove(path.size() - 1);
        onPath.put(name, false);
    }

    /** Levels: the first depends on nothing, each later one only on earlier levels; file order within. */
    List<List<String>> levels() {
        for (Map.Entry<String, List<String>> entry : dependsOn.entrySet()) {
            for (String dependency : entry.getValue()) {
                if (!dependsOn.containsKey(dependency)) {
                    throw new IllegalArgumentException(entry.getKey() + " depends on unknown service " + dependency);
                }
            }
        }
        List<List<String>> levels = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<String> remaining = new ArrayList<>(dependsOn.keySet());
        while (!remaining.isEmpty()) {
            List<String> level = remaining.stream().filter(name -> placed.containsAll(dependsOn.get(name))).toList();
            if (level.isEmpty()) {
                throw new IllegalArgumentException("depends_on cycle: " + String.join(" -> ", cycles().get(0)));
            }
            levels.add(level);
            placed.addAll(level);
            remaining.removeAll(level);
        }
        return levels;
    }
}
