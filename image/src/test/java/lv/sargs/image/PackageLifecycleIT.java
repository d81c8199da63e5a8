package lv.sargs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole dpkg life cycle of the package in a throwaway Debian root with a real dpkg database,
 * the maintainer scripts run by dpkg: install, the admin edits the conffile and the gateway writes
 * data, install a newer version (the edit and the data stay), remove (config and data stay), purge
 * (both gone).
 */
class PackageLifecycleIT {

    private static final String EDIT = "# the admin's edit: kept across upgrades\n";

    @TempDir
    Path dir;

    @Test
    void installUpgradeRemovePurge() throws Exception {
        Chroot root = Chroot.fresh(dir.resolve("root"));
        String v1 = root.copyIn(BuiltPackage.deb());
        String v2 = root.copyIn(newerVersion());

        String installed = root.run("dpkg", "--install", v1).ok();
        assertTrue(installed.contains("sargs: installed, NOT started. Before the first start:"), installed);
        assertTrue(installed.contains("systemctl enable --now sargs"), installed);
        assertEquals("install ok installed " + BuiltPackage.debianVersion(), status(root));
        assertTrue(root.run("getent", "passwd", "sargs").ok().contains(":/var/lib/sargs:/usr/sbin/nologin"),
                "a system user sargs with its home in the data directory and no shell");
        assertTrue(root.run("getent", "group", "sargs").ok().startsWith("sargs:"));
        assertEquals("700 sargs:sargs", root.run("stat", "-c", "%a %U:%G", "/var/lib/sargs").ok().strip());
        assertFalse(Files.exists(root.path("/etc/systemd/system/multi-user.target.wants/sargs.service")),
                "not enabled by the package");
        assertTrue(Files.isRegularFile(root.path("/usr/lib/sargs/runtime/lib/server/classes.jsa")),
                "postinst made the runtime's class data sharing archive");
        assertTrue(Files.isRegularFile(root.path("/usr/lib/sargs/runtime/lib/server/sargs.jsa")),
                "postinst made the application's class data sharing archive by a training start");
        assertTrue(root.run("/usr/bin/sargs-admin", "--help").ok().contains("check"), "the admin tool runs on the packaged runtime");
        assertTrue(root.run("/usr/bin/sargs-console", "--help").ok().contains("usage: sargs-console"),
                "the operator's console runs on the packaged runtime");

        Path config = root.path("/etc/sargs/sargs.yaml");
        String shipped = Files.readString(config, StandardCharsets.UTF_8);
        Files.writeString(config, EDIT, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        root.run("sh", "-c", "echo stores > /var/lib/sargs/cache.mv.db && chown sargs:sargs /var/lib/sargs/cache.mv.db").ok();

        String upgraded = root.run("dpkg", "--install", v2).ok();
        assertEquals("install ok installed " + BuiltPackage.debianVersion() + ".1", status(root), upgraded);
        assertEquals(shipped + EDIT, Files.readString(config, StandardCharsets.UTF_8), "the admin's edit survives the upgrade");
        assertFalse(Files.exists(root.path("/etc/sargs/sargs.yaml.dpkg-new")), "no prompt, no copy: the edit simply stays");
        assertEquals("stores\n", Files.readString(root.path("/var/lib/sargs/cache.mv.db")), "the data survives the upgrade");
        assertEquals("700 sargs:sargs", root.run("stat", "-c", "%a %U:%G", "/var/lib/sargs").ok().strip());
        assertTrue(Files.isRegularFile(root.path("/usr/lib/sargs/runtime/lib/server/sargs.jsa")),
                "the upgrade's postinst made the application's archive afresh, for the new jars");

        root.run("dpkg", "--remove", "sargs").ok();
        assertEquals("deinstall ok config-files " + BuiltPackage.debianVersion() + ".1", status(root));
        assertFalse(Files.exists(root.path("/usr/bin/sargs-gateway")), "the programs are gone");
        assertFalse(Files.exists(root.path("/usr/lib/sargs")), "the runtime and jars are gone");
        assertEquals(shipped + EDIT, Files.readString(config, StandardCharsets.UTF_8), "remove keeps the config");
        assertEquals("stores\n", Files.readString(root.path("/var/lib/sargs/cache.mv.db")), "remove keeps the data");

        root.run("dpkg", "--purge", "sargs").ok();
        Cmd after = root.run("dpkg-query", "--show", "--showformat=${db:Status-Abbrev}", "sargs");
        assertTrue(after.exit() != 0 || after.output().startsWith("pn"), "dpkg has forgotten the package: " + after.output());
        assertFalse(Files.exists(root.path("/etc/sargs")), "purge deletes the config");
        assertFalse(Files.exists(root.path("/var/lib/sargs")), "purge deletes the data");
    }

    /** The same package as a newer version, repacked with dpkg-deb (the conffile unchanged, as in most upgrades). */
    private Path newerVersion() throws Exception {
        Path tree = dir.resolve("v2");
        Cmd.ok("dpkg-deb", "--raw-extract", BuiltPackage.deb().toString(), tree.toString());
        Path control = tree.resolve("DEBIAN/control");
        String version = BuiltPackage.debianVersion();
        Files.writeString(control, Files.readString(control).replace("Version: " + version + "\n",
                "Version: " + version + ".1\n"));
        Path deb = dir.resolve("sargs_" + version + ".1.deb");
        Cmd.ok("dpkg-deb", "--root-owner-group", "-Zgzip", "--build", tree.toString(), deb.toString());
        Cmd.ok("dpkg", "--compare-versions", version + ".1", "gt", version);
        return deb;
    }

    private static String status(Chroot root) {
        return root.run("dpkg-query", "--show", "--showformat=${Status} ${Version}", "sargs").ok().strip();
    }
}
