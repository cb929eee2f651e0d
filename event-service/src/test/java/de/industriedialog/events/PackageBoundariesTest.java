package de.industriedialog.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Features stay independent; HTTP adapters sit on top and nothing depends on them. */
class PackageBoundariesTest {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
		.importPackages("de.industriedialog.events");

	@Test
	void shouldKeepWebAdaptersAtTheEdge() {
		noClasses().that()
			.resideOutsideOfPackage("de.industriedialog.events..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("de.industriedialog.events..web..")
			.check(this.classes);
	}

	@Test
	void shouldHaveNoCyclesBetweenFeatures() {
		slices().matching("de.industriedialog.events.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
