package lv.sargs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built .deb, read with dpkg-deb and judged by lintian: control data, file list, modes, owners, conffiles. */
class PackageContentsIT {

    private static final Path DEB = BuiltPackage.deb();

    @Test
    void controlDataNamesTheVersionArchitectureAndWhatItNeeds() {
        assertEquals("sargs", field("Package"));
        assertEquals(BuiltPackage.debianVersion(), field("Version"));
        assertEquals(Cmd.ok("dpkg", "--print-architecture").strip(), field("Architecture"));
        assertEquals("adduser, libc6, zlib1g", field("Depends"));
        assertEquals("softhsm2, opensc, pcscd", field("Suggests"), "the PKCS#11 library is suggested, never bundled");
        assertTrue(Cmd.ok("dpkg", "--compare-versions", field("Version"), "lt", "0.1.0").isEmpty(),
                "a snapshot sorts before its release");
    }

    @Test
    void theConfigIsTheOneConffileAndTheMaintainerScriptsAreThere() {
        assertEquals("/etc/sargs/sargs.yaml\n", Cmd.ok("sh", "-c", "dpkg-deb --ctrl-tarfile \"$0\" | tar -xO ./conffiles", DEB.toString()));
        String control = Cmd.ok("sh", "-c", "dpkg-deb --ctrl-tarfile \"$0\" | tar -tvf -", DEB.toString());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertTrue(control.lines().anyMatch(l -> l.startsWith("-rwxr-xr-x root/root") && l.endsWith("./" + script)),
                    script + " executable, owned by root:\n" + control);
        }
    }

    @Test
    void everyFileIsRootsWithTheIntendedMode() {
        Map<String, String> modes = listing();
        assertEquals("-rwxr-xr-x", modes.get("/usr/bin/sargs-gateway"));
        assertEquals("-rwxr-xr-x", modes.get("/usr/bin/sargs-admin"));
        assertEquals("-rwxr-xr-x", modes.get("/usr/bin/sargs-console"));
        assertEquals("-rwxr-xr-x", modes.get("/usr/lib/sargs/runtime/bin/java"));
        assertEquals("-rw-r--r--", modes.get("/etc/sargs/sargs.yaml"));
        assertEquals("-rw-r--r--", modes.get("/lib/systemd/system/sargs.service"));
        assertEquals("-rw-r--r--", modes.get("/usr/share/doc/sargs/copyright"));
        assertEquals("-rw-r--r--", modes.get("/usr/share/doc/sargs/README.md"));
        assertEquals("-rw-r--r--", modes.get("/usr/share/doc/sargs/running-the-gateway.md"));
        assertEquals("-rw-r--r--", modes.get("/usr/share/doc/sargs/changelog.gz"));
        for (Map.Entry<String, String> e : modes.entrySet()) {
            assertTrue(List.of("drwxr-xr-x", "-rw-r--r--", "-rwxr-xr-x").contains(e.getValue())
                    || e.getValue().equals("lrwxrwxrwx") && e.getKey().startsWith("/usr/lib/sargs/runtime/legal/"),
                    e.getKey() + " " + e.getValue() + " (expected: 0755 directories and programs, 0644 files,"
                            + " symbolic links only for the runtime's shared licence texts)");
        }
        assertFalse(modes.containsKey("/var/lib/sargs/"), "the data directory is made by postinst (0700, sargs), not shipped");
    }

    @Test
    void theApplicationIsTheRuntimeClassPathAndNothingOfTheTestsOrTools() {
        List<String> jars = listing().keySet().stream().filter(f -> f.startsWith("/usr/lib/sargs/lib/")
                && f.endsWith(".jar")).map(f -> f.substring("/usr/lib/sargs/lib/".length())).sorted().toList();
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("gateway-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("provisioning-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("hsm-bridge-")), jars.toString());
        for (String jar : jars) {
            assertFalse(jar.matches("(sandbox|bench|testkit|e2e|junit|jmh|opentest4j|apiguardian|pi4j-plugin-mock).*"
                    + "|.*-tests\\.jar"), jar + " is a test or tool jar and must not be in the package");
        }
    }

    @Test
    void theRuntimeHasTheModulesSargsUsesAndNoCompilerOrDebugger() {
        String release = Cmd.ok("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xO ./usr/lib/sargs/runtime/release",
                DEB.toString());
        String modules = release.lines().filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        List<String> names = Arrays.asList(modules.substring("MODULES=\"".length(), modules.length() - 1).split(" "));
        assertTrue(names.containsAll(List.of("java.base", "jdk.crypto.cryptoki", "jdk.crypto.ec", "jdk.charsets",
                "java.net.http", "jdk.unsupported")), names.toString());
        for (String absent : List.of("jdk.compiler", "jdk.jdwp.agent", "jdk.jshell", "jdk.jlink", "java.scripting")) {
            assertFalse(names.contains(absent), absent + " is not used by Sargs: " + names);
        }
    }

    @Test
    void theRuntimesSecurityProvidersAreTheOnesItHas() {
        String security = Cmd.ok("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xO ./usr/lib/sargs/runtime/conf/security/java.security",
                DEB.toString());
        List<String> providers = security.lines().filter(l -> l.matches("security\\.provider\\.\\d+=.*"))
                .map(l -> l.substring(l.indexOf('=') + 1)).toList();
        assertTrue(providers.containsAll(List.of("SUN", "SunEC", "SunJSSE", "SunJCE", "SunPKCS11")), providers.toString());
        // Their modules are not linked: a provider named but absent sends every lookup past it through the class path.
        for (String absent : List.of("XMLDSig", "SunPCSC", "JdkSASL")) {
            assertFalse(providers.contains(absent), absent + " is listed but its module is not in the runtime: " + providers);
        }
        for (int i = 0; i < providers.size(); i++) {
            assertTrue(security.contains("\nsecurity.provider." + (i + 1) + "=" + providers.get(i) + "\n"),
                    "providers numbered 1.." + providers.size() + " without a gap: " + providers);
        }
    }

    @Test
    void lintianFindsNoError() {
        Cmd lintian = Cmd.run(null, Map.of(), 15, List.of("lintian", "--tag-display-limit", "0", DEB.toString()));
        List<String> errors = lintian.output().lines().filter(l -> l.startsWith("E: ")).toList();
        assertEquals(List.of(), errors, lintian.output());
        assertTrue(lintian.exit() == 0 || lintian.exit() == 1 && errors.isEmpty(), lintian.output());
    }

    private static String field(String name) {
        return Cmd.ok("dpkg-deb", "--field", DEB.toString(), name).strip();
    }

    /** Path (directories ending in /) to mode, after checking that every entry is root/root. */
    private static Map<String, String> listing() {
        Map<String, String> modes = new HashMap<>();
        List<String> notRoot = new ArrayList<>();
        for (String line : Cmd.ok("dpkg-deb", "--contents", DEB.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            if (!f[1].equals("root/root")) {
                notRoot.add(line);
            }
            String name = f[5].substring(1);
            modes.put(f[0].startsWith("l") ? name.substring(0, name.indexOf(" -> ")) : name, f[0]);
        }
        assertEquals(List.of(), notRoot, "every entry is owned by root:root");
        return modes;
    }
}
