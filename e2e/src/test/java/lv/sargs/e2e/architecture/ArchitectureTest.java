package lv.sargs.e2e.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module table of docs/architecture.md, enforced on the production classes of every module
 * (the shipped ones, the sandbox and testkit): what each may never use, and no package cycles.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // The modules arrive as jars or class folders on this class path; their tests never do.
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lv.sargs");
        for (String module : new String[] {"lv.sargs.gateway.lookup", "lv.sargs.hsm", "lv.sargs.provisioning",
                "lv.sargs.console", "lv.sargs.sandbox.viss"}) {
            assertTrue(production.stream().anyMatch(c -> c.getPackageName().equals(module)),
                    "classes of " + module + " were imported");
        }
    }

    @Test
    void gatewayNeverTouchesPkcs11() {
        noClasses().that().resideInAPackage("lv.sargs.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("sun.security.pkcs11..", "lv.sargs.hsm.pkcs11..")
                .because("PKCS#11 lives in hsm-bridge only; the gateway sees a token through its interface")
                .check(production);
    }

    @Test
    void hsmBridgeNeverTouchesTransportOrTheDaemon() {
        noClasses().that().resideInAPackage("lv.sargs.hsm..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.net.http..", "lv.sargs.gateway..")
                .because("hsm-bridge is the token and nothing else: no Netty, no HTTP, no daemon")
                .check(production);
    }

    @Test
    void provisioningUsesOnlyTheDaemonsConfigAndFileFormats() {
        noClasses().that().resideInAPackage("lv.sargs.provisioning..")
                .should().dependOnClassesThat(resideInAPackage("lv.sargs.gateway..").and(resideOutsideOfPackages(
                        "lv.sargs.gateway.config..", "lv.sargs.gateway.audit..", "lv.sargs.gateway.risk..",
                        "lv.sargs.gateway.cache..")))
                .because("the admin tool shares the config model, the audit trail's and risk register's file"
                        + " formats and the storage-key derivation, and no other daemon internal")
                .check(production);
    }

    @Test
    void consoleTalksOnlyToTheManagementListener() {
        noClasses().that().resideInAPackage("lv.sargs.console..")
                .should().dependOnClassesThat().resideInAnyPackage("lv.sargs.gateway..", "lv.sargs.hsm..")
                .because("the console is a client of the management listener's HTTP API, nothing more")
                .check(production);
    }

    @Test
    void simulatorsNeverUseGatewayClasses() {
        noClasses().that().resideInAPackage("lv.sargs.sandbox..")
                .and().resideOutsideOfPackage("lv.sargs.sandbox.demo..")
                .should().dependOnClassesThat().resideInAPackage("lv.sargs.gateway..")
                .because("the simulators are independent oracles: a mistake shared with the gateway could never"
                        + " fail a test (only the demo launcher and its wiring start gateway code)")
                .check(production);
    }

    @Test
    void productionCodeNeverUsesTestSupport() {
        noClasses().that().resideInAnyPackage("lv.sargs.gateway..", "lv.sargs.hsm..", "lv.sargs.provisioning..",
                        "lv.sargs.console..")
                .should().dependOnClassesThat().resideInAnyPackage("lv.sargs.testkit..", "lv.sargs.sandbox..",
                        "org.junit..")
                .because("testkit and the sandbox never ship in the package")
                .check(production);
    }

    @Test
    void noPackageCycles() {
        slices().matching("lv.sargs.(**)").should().beFreeOfCycles().check(production);
    }
}
