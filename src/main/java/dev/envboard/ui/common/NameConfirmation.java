package dev.envboard.ui.common;

import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.Protection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * What a confirmation asks before it touches protected environments (pools.yaml {@code protected:}):
 * a field per environment ("Type qa to confirm"), and whether each holds exactly that name. The
 * dialog binds to it; the action passes what was typed on, and the service checks it again
 * ({@link Protection}). FX thread only.
 */
public final class NameConfirmation {
    /** One environment to type. */
    public static final class Field {
        private final String environment;
        private final StringProperty typed = new SimpleStringProperty("");
        private final BooleanBinding matches;

        private Field(String environment) {
            this.environment = environment;
            this.matches = typed.isEqualTo(environment); // exactly: no case folding, no trimming
        }

        public String environment() {
            return environment;
        }

        /** "Type qa to confirm". */
        public String prompt() {
            return Protection.prompt(environment);
        }

        public StringProperty typedProperty() {
            return typed;
        }

        public ObservableBooleanValue matchesProperty() {
            return matches;
        }

        public boolean matches() {
            return matches.get();
        }
    }

    private final List<Field> fields;
    private final BooleanBinding confirmed;

    private NameConfirmation(Collection<String> environments) {
        this.fields = environments.stream().map(Field::new).toList();
        this.confirmed = Bindings.createBooleanBinding(() -> fields.stream().allMatch(Field::matches),
                fields.stream().map(f -> f.typed).toArray(StringProperty[]::new));
    }

    /** The protected ones among {@code environments} (null, unassigned, is never protected), by name. */
    public static NameConfirmation of(PoolSpec pool, Collection<String> environments) {
        Set<String> protectedOnes = new TreeSet<>();
        environments.stream().filter(pool::isProtected).forEach(protectedOnes::add);
        return new NameConfirmation(protectedOnes);
    }

    /** Nothing to type. */
    public static NameConfirmation none() {
        return new NameConfirmation(List.of());
    }

    public List<Field> fields() {
        return fields;
    }

    /** Whether any name has to be typed. */
    public boolean isRequired() {
        return !fields.isEmpty();
    }

    /** True once every field holds exactly its environment's name (at once when there is none). */
    public ObservableBooleanValue confirmedProperty() {
        return confirmed;
    }

    public boolean isConfirmed() {
        return confirmed.get();
    }

    /** What was typed for each environment asked, as it is now: the names the services check again. */
    public Map<String, String> typedNames() {
        Map<String, String> typed = new LinkedHashMap<>();
        fields.forEach(f -> typed.put(f.environment, f.typed.get()));
        return Map.copyOf(typed);
    }

    /** Why it is not confirmed yet: the refusal of the first environment whose name is not typed. */
    public Optional<String> refusal() {
        List<String> missing = new ArrayList<>();
        fields.stream().filter(f -> !f.matches()).forEach(f -> missing.add(f.environment));
        return missing.isEmpty() ? Optional.empty() : Optional.of(Protection.message(missing.get(0)));
    }
}
