package dev.envboard.demo.template;

import dev.envboard.deploy.compose.StackLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values a launch gives a template's variables: what the user set, else each default, all
 * checked at once. Envboard sets three more itself, which a template may use but not declare:
 * {@code ENVIRONMENT} (the demo's environment), {@code CUSTOMER} (as given at launch) and
 * {@code OWNER} (who launched it).
 */
public final class TemplateVariables {
    public static final String CUSTOMER = "CUSTOMER";
    public static final String OWNER = "OWNER";
    public static final Set<String> BUILT_IN = Set.of(StackLoader.ENVIRONMENT_VARIABLE, CUSTOMER, OWNER);

    /**
     * @param values   every declared variable's value, in the template's order
     * @param problems every value that was refused and every unknown name given; empty when all is well
     */
    public record Resolved(Map<String, String> values, List<String> problems) {
        public Resolved {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** The values plus Envboard's own: what the stack is interpolated with (ENVIRONMENT is added by the loader). */
        public Map<String, String> forStack(String customer, String owner) {
            Map<String, String> all = new LinkedHashMap<>(values);
            all.put(CUSTOMER, customer);
            all.put(OWNER, owner);
            return all;
        }
    }

    private TemplateVariables() {
    }

    /** @param given what the user set (KEY=VALUE), by name */
    public static Resolved resolve(DemoTemplate template, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(given.keySet());
        Map<String, String> values = new LinkedHashMap<>();
        for (TemplateVariable variable : template.variables()) {
            unknown.remove(variable.name());
            String value = given.containsKey(variable.name()) ? given.get(variable.name())
                    : variable.defaultValue() == null ? "" : variable.defaultValue();
            variable.problem(value).ifPresent(problems::add);
            values.put(variable.name(), value);
        }
        for (String name : unknown) {
            problems.add(BUILT_IN.contains(name)
                    ? name + " is set by Envboard, not by --set"
                    : "template " + template.name() + " has no variable " + name
                    + (template.variables().isEmpty() ? " (it has none)"
                    : " (it has " + String.join(", ", template.variables().stream().map(TemplateVariable::name).toList()) + ")"));
        }
        return new Resolved(values, problems);
    }
}
