package dev.envboard.demo;

import java.util.List;

/**
 * The demos of a pool as its records say, read from every engine that keeps them.
 *
 * @param problems engines or records that could not be read (a demo may be missing from the list), in words
 */
public record DemoListing(List<Demo> demos, List<String> problems) {
    public DemoListing {
        demos = List.copyOf(demos);
        problems = List.copyOf(problems);
    }
}
