package dev.envboard.demo;

import dev.envboard.pool.EnvironmentName;
import java.text.Normalizer;
import java.util.Optional;

/** A demo's environment is named from its customer: {@code demo-acme} for "Acme", {@code demo-acme-corp} for "Acme Corp.". */
public final class DemoNames {
    public static final String PREFIX = "demo-";
    private static final int MAX = 63;

    private DemoNames() {
    }

    /**
     * The environment for a customer: lower case, accents dropped, every run of other characters
     * one '-', at most 63 characters in all (EnvironmentName's rules).
     *
     * @throws IllegalArgumentException when nothing usable is left of the customer's name
     */
    public static String environment(String customer) {
        String slug = slug(customer == null ? "" : customer);
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("name the customer with at least one letter or digit (it names the environment "
                    + PREFIX + "CUSTOMER), not \"" + (customer == null ? "" : customer) + "\"");
        }
        String name = PREFIX + slug;
        if (name.length() > MAX) {
            name = name.substring(0, MAX).replaceAll("-+$", "");
        }
        Optional<String> problem = EnvironmentName.problem(name);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return name;
    }

    static String slug(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
