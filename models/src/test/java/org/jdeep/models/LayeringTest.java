package org.jdeep.models;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering that keeps jdeep's backends interchangeable: models → api → spi ← backends. This module's
 * test class path holds every layer (api, spi and, at run time, the CPU, OpenCL and CUDA backends), so the rules
 * see them all.
 */
class LayeringTest {
    private static JavaClasses jdeep;

    @BeforeAll
    static void importAll() {
        jdeep = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jdeep");
    }

    @Test
    void allLayersAreOnTheClassPath() {
        // guards the rules below against passing vacuously
        org.junit.jupiter.api.Assertions.assertTrue(jdeep.containPackage("org.jdeep.spi"));
        org.junit.jupiter.api.Assertions.assertTrue(jdeep.containPackage("org.jdeep"));
        org.junit.jupiter.api.Assertions.assertTrue(jdeep.containPackage("org.jdeep.backend.cpu"));
        org.junit.jupiter.api.Assertions.assertTrue(jdeep.containPackage("org.jdeep.backend.opencl"));
        org.junit.jupiter.api.Assertions.assertTrue(jdeep.containPackage("org.jdeep.backend.cuda"));
        org.junit.jupiter.api.Assertions.assertTrue(jdeep.containPackage("org.jdeep.models.cli"));
    }

    @Test
    void spiDependsOnTheJdkAlone() {
        classes().that().resideInAnyPackage("org.jdeep.spi..", "org.jdeep.types..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jdeep.spi..", "org.jdeep.types..")
                .check(jdeep);
    }

    @Test
    void apiDependsOnSpiAndTheJdkAlone() {
        classes().that().resideInAPackage("org.jdeep..")
                .and().resideOutsideOfPackages("org.jdeep.spi..", "org.jdeep.types..", "org.jdeep.backend..",
                        "org.jdeep.models..", "org.jdeep.conformance..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.imageio..", "org.jdeep..")
                .andShould().onlyDependOnClassesThat().resideOutsideOfPackages("org.jdeep.backend..",
                        "org.jdeep.models..", "org.jdeep.conformance..")
                .check(jdeep);
    }

    @Test
    void backendsDependOnSpiAndTheirDeviceLibraryOnly() {
        classes().that().resideInAPackage("org.jdeep.backend..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jdk.incubator.vector..",
                        "org.jdeep.spi..", "org.jdeep.types..", "org.jdeep.backend..",
                        // each backend's own device library
                        "com.aparapi..", "jcuda..")
                .check(jdeep);
    }

    @Test
    void modelsNeverSeeABackendOrTheSpi() {
        noClasses().that().resideInAPackage("org.jdeep.models..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdeep.backend..", "org.jdeep.spi..")
                .check(jdeep);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.jdeep.(**)").should().beFreeOfCycles().check(jdeep);
    }
}
