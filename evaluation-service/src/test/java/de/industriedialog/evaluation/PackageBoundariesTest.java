package de.industriedialog.evaluation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Features stay independent; HTTP adapters sit on top and nothing depends on them. */
class PackageBoundariesTest {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
		.importPackages("de.industriedialog.evaluation");

	// This service's own adapters; the platform's web exceptions (NotFound, Conflict,
	// InvalidInput) are meant to be thrown by use cases and answered by the platform.
	@Test
	void shouldKeepWebAdaptersAtTheEdge() {
		noClasses().that()
			.resideOutsideOfPackage("de.industriedialog.evaluation..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("de.industriedialog.evaluation..web..")
			.check(this.classes);
	}

	@Test
	void shouldHaveNoCyclesBetweenFeatures() {
		slices().matching("de.industriedialog.evaluation.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
