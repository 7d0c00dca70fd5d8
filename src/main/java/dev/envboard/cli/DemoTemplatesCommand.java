package dev.envboard.cli;

import dev.envboard.demo.template.DemoDuration;
import dev.envboard.demo.template.DemoTemplate;
import dev.envboard.demo.template.EntryPointSpec;
import dev.envboard.demo.template.TemplateCatalog;
import dev.envboard.demo.template.TemplateVariable;
import dev.envboard.pool.PoolSpec;
import dev.envboard.services.Services;
import dev.envboard.yaml.InputProblem;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code envboard demo templates}: what can be launched, and what is wrong with the templates that cannot. */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = {"List the demo templates of the pools (templates: in pools.yaml): title, hosts needed, lifetime,",
                "variables and entry points. A bad template is listed with every problem (file:line: key). Exit 1 when",
                "any template is bad or a templates folder cannot be read."})
final class DemoTemplatesCommand implements Callable<Integer> {
    @ParentCommand
    DemoCommand demo;

    @Mixin
    PoolSelection selection;

    @Override
    public Integer call() {
        EnvboardCommand root = demo.parent;
        PrintWriter out = root.out();
        boolean bad = false;
        try (Services context = root.openContext()) {
            for (PoolSpec pool : selection.select(context.pools())) {
                if (pool.templatesDir() == null && selection.pool == null) {
                    continue;
                }
                TemplateCatalog.Listing listing = context.demoService().templates(pool);
                out.println("pool " + pool.name() + (pool.templatesDir() == null ? "" : " (" + pool.templatesDir() + ")") + ":");
                if (listing.problem() != null) {
                    out.println("  " + listing.problem());
                    bad |= pool.templatesDir() != null;
                }
                for (DemoTemplate template : listing.templates()) {
                    print(out, template);
                }
                listing.invalid().forEach((name, problems) -> {
                    out.println("  " + name + ": not usable");
                    problems.stream().map(InputProblem::toString).forEach(p -> out.println("      " + p));
                });
                bad |= !listing.invalid().isEmpty();
            }
            out.flush();
            return bad ? 1 : 0;
        } catch (IllegalArgumentException e) {
            root.err().println("envboard: " + e.getMessage());
            return 2;
        }
    }

    private static void print(PrintWriter out, DemoTemplate template) {
        out.println("  " + template.name() + ": " + template.title() + " — " + template.hosts() + (template.hosts() == 1 ? " host" : " hosts")
                + ", lifetime " + DemoDuration.format(template.lifetime().defaultLifetime()) + " (at most "
                + DemoDuration.format(template.lifetime().max()) + ")");
        if (!template.description().isEmpty()) {
            out.println("      " + template.description());
        }
        for (TemplateVariable variable : template.variables()) {
            out.println("      --set " + variable.name() + "=" + (variable.defaultValue() == null ? "" : variable.defaultValue())
                    + "   " + variable.label() + (variable.required() ? " (required)" : "")
                    + (variable.pattern() == null ? "" : " matching " + variable.pattern())
                    + (variable.maxLength() == 0 ? "" : ", at most " + variable.maxLength() + " characters"));
        }
        for (EntryPointSpec entry : template.entryPoints()) {
            out.println("      entry point " + entry.title() + ": " + entry.target() + (entry.path().equals("/") ? "" : " " + entry.path()));
        }
        template.warnings().forEach(w -> out.println("      " + w));
    }
}
