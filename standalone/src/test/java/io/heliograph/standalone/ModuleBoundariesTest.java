package io.heliograph.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, checked on the compiled classes of every module: services never use
 * each other's code, the shared libraries never use a service, and the MTProto core and client and the TL runtime
 * import no Spring.
 */
class ModuleBoundariesTest {

    private static final String[] SERVICES = {
        "io.heliograph.gateway..", "io.heliograph.session..", "io.heliograph.message..", "io.heliograph.fanout..",
        "io.heliograph.media..", "io.heliograph.botapi..", "io.heliograph.secretchat.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.heliograph");

    @Test
    void servicesNeverDependOnEachOther() {
        slices().matching("io.heliograph.(gateway|session|message|fanout|media|botapi|secretchat)..")
                .should().notDependOnEachOther()
                .check(classes);
    }

    @Test
    void sharedLibrariesNeverDependOnServices() {
        noClasses().that().resideInAnyPackage("io.heliograph.tl..", "io.heliograph.mtproto..", "io.heliograph.events..",
                        "io.heliograph.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
                .check(classes);
    }

    @Test
    void mtprotoCoreAndTlImportNoSpring() {
        noClasses().that().resideInAnyPackage("io.heliograph.mtproto..", "io.heliograph.tl..", "io.heliograph.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void theRulesSeeEveryModule() {
        for (String pkg : new String[] {"io.heliograph.gateway", "io.heliograph.session", "io.heliograph.message",
                "io.heliograph.fanout", "io.heliograph.media", "io.heliograph.botapi", "io.heliograph.secretchat",
                "io.heliograph.mtproto", "io.heliograph.mtproto.client", "io.heliograph.tl", "io.heliograph.events",
                "io.heliograph.platform"}) {
            org.assertj.core.api.Assertions.assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
        }
    }
}
