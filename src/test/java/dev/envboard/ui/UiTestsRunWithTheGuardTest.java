package dev.envboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** Every test that drives real views does so with the FX-thread guard checked (FxThreadGuardCheck). */
class UiTestsRunWithTheGuardTest {
    @Test
    void everyTestFxClassAlsoChecksTheGuard() {
        List<JavaClass> uiTests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.envboard").stream()
                .filter(c -> extensions(c).contains(ApplicationExtension.class)).toList();

        assertThat(uiTests).extracting(JavaClass::getSimpleName).as("the check sees the TestFX tests")
                .contains("BoardMoveTest", "MainWindowTest", "WelcomeTest");
        assertThat(uiTests).filteredOn(c -> !extensions(c).contains(FxThreadGuardCheck.class))
                .extracting(JavaClass::getName).as("TestFX tests without FxThreadGuardCheck").isEmpty();
    }

    private static List<Class<?>> extensions(JavaClass c) {
        return c.isAnnotatedWith(ExtendWith.class) ? List.of(c.getAnnotationOfType(ExtendWith.class).value()) : List.of();
    }
}
