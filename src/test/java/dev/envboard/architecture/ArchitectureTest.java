package dev.envboard.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture of design.md, held by the build: JavaFX only in the UI, the two faces apart,
 * the composition root on top, and no cycles between the top-level packages. No exceptions are
 * listed here: code that breaks a rule is changed, not excused.
 */
@AnalyzeClasses(packages = "dev.envboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String MAIN = "dev.envboard.Main";

    @ArchTest
    static final ArchRule javafxOnlyInUi = noClasses().that().resideOutsideOfPackage("dev.envboard.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "org.controlsfx..",
                    "atlantafx..", "org.kordamp.ikonli.javafx..")
            .because("non-UI code never imports JavaFX (design.md)");

    @ArchTest
    static final ArchRule uiOnlyUsedByMainAndCompositionRoot = classes().that().resideInAPackage("dev.envboard.ui..")
            .should().onlyHaveDependentClassesThat(describe("in ui, app or Main",
                    (JavaClass c) -> c.getPackageName().startsWith("dev.envboard.ui")
                            || c.getPackageName().startsWith("dev.envboard.app") || c.getName().equals(MAIN)));

    @ArchTest
    static final ArchRule cliDoesNotUseUi = noClasses().that().resideInAPackage("dev.envboard.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.envboard.ui..");

    @ArchTest
    static final ArchRule uiDoesNotUseCli = noClasses().that().resideInAPackage("dev.envboard.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.envboard.cli..");

    @ArchTest
    static final ArchRule compositionRootOnlyUsedByMain = classes().that().resideInAPackage("dev.envboard.app..")
            .should().onlyHaveDependentClassesThat(describe("in app or Main",
                    (JavaClass c) -> c.getPackageName().startsWith("dev.envboard.app") || c.getName().equals(MAIN)));

    @ArchTest
    static final ArchRule topLevelPackagesFreeOfCycles = slices().matching("dev.envboard.(*)..").should().beFreeOfCycles();
}
