package dev.envboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test class that uses the sandbox (its engines, its files, or a helper that does) carries
 * SandboxExtension, so that without a sandbox it fails, or is skipped only on purpose, instead of
 * failing in odd ways or never being counted as an engine test.
 */
class EngineTestsAreMarkedTest {
    /** Uses the sandbox without saying so: the one class the check must find. */
    static class UnmarkedSample {
        @Test
        void usesTheSandbox(Sandbox sandbox) {
            sandbox.engines();
        }
    }

    @Test
    void everyTestClassThatUsesTheSandboxHasTheExtension() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.envboard");
        Set<JavaClass> users = sandboxUsers(tests);

        assertThat(users).extracting(JavaClass::getSimpleName).as("the check sees engine tests and the helpers they use")
                .contains("PoolEventWatchTest", "MainWindowTest", "DeployFixture", "ScratchContainers", "DaemonJsonGuard");
        List<String> unmarked = users.stream()
                .filter(EngineTestsAreMarkedTest::isTestClass)
                .filter(c -> !c.getName().startsWith(SandboxExtensionTest.class.getName())) // the marker's own tests,
                .filter(c -> !c.isEquivalentTo(EngineTestsAreMarkedTest.class)) // and this one, name Sandbox
                .filter(c -> !marked(c))
                .map(JavaClass::getName).sorted().toList();
        assertThat(unmarked).as("test classes that use the sandbox without @ExtendWith(SandboxExtension.class)")
                .containsExactly(UnmarkedSample.class.getName());
    }

    /** Classes that depend on Sandbox, or on a class that does, and so on. */
    private static Set<JavaClass> sandboxUsers(JavaClasses classes) {
        Set<String> used = new HashSet<>(Set.of(Sandbox.class.getName(), Sandbox.Engine.class.getName()));
        Set<JavaClass> users = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (JavaClass c : classes) {
                if (c.isEquivalentTo(Sandbox.class) || c.isEquivalentTo(SandboxExtension.class) || users.contains(c)) {
                    continue;
                }
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    if (used.contains(d.getTargetClass().getName())) {
                        users.add(c);
                        used.add(c.getName());
                        grew = true;
                        break;
                    }
                }
            }
        }
        return users;
    }

    private static boolean isTestClass(JavaClass c) {
        return !c.getModifiers().contains(JavaModifier.ABSTRACT)
                && hierarchy(c).stream().anyMatch(k -> k.getMethods().stream().anyMatch(m ->
                        m.isAnnotatedWith(Test.class) || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")));
    }

    private static boolean marked(JavaClass c) {
        return hierarchy(c).stream().anyMatch(k -> extendsWithSandbox(k)
                || k.getFields().stream().anyMatch(f -> f.isAnnotatedWith(RegisterExtension.class)
                        && f.getRawType().isAssignableTo(SandboxExtension.class)));
    }

    private static boolean extendsWithSandbox(JavaClass c) {
        Optional<ExtendWith> extendWith = c.isAnnotatedWith(ExtendWith.class)
                ? Optional.of(c.getAnnotationOfType(ExtendWith.class)) : Optional.empty();
        return extendWith.map(e -> List.of(e.value()).contains(SandboxExtension.class)).orElse(false);
    }

    private static List<JavaClass> hierarchy(JavaClass c) {
        return c.getClassHierarchy();
    }
}
