package lv.sargs.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway Debian system with a real dpkg database, in which the package is installed, upgraded,
 * removed and purged by dpkg itself, maintainer scripts and all. Made once by debootstrap from
 * the machine's own Debian release and mirror, and cached outside the checkout as a tar
 * ({@code ~/.cache/sargs}, or {@code SARGS_CACHE}); each test unpacks a fresh copy. Commands run
 * inside it through chroot, in a private mount namespace with its own /proc (the dynamic loader
 * resolves the runtime's {@code $ORIGIN} through /proc/self/exe), so nothing stays mounted.
 */
final class Chroot {

    /** adduser for the maintainer scripts, softhsm2 for a real token, systemd for systemd-analyze. */
    static final List<String> PACKAGES = List.of("adduser", "softhsm2", "systemd");

    private final Path root;

    private Chroot(Path root) {
        this.root = root;
    }

    /** A fresh Debian root in {@code dir} (which must be empty or absent), unpacked from the cache. */
    static Chroot fresh(Path dir) {
        if (!"0".equals(Cmd.ok("id", "-u").strip())) {
            throw new AssertionError("the package tests install it in a Debian root with dpkg, chroot and mount, which"
                    + " need root: run scripts/test as root (as CI does) or with sudo");
        }
        Path base = cachedBase();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cmd.ok("tar", "-C", dir.toString(), "-xpf", base.toString());
        // The root's own mode comes from the tar's "." entry: a root made in a private temporary
        // directory (0700) would keep every user but root from "/" inside it ("env: Permission denied").
        Cmd.ok("chmod", "0755", dir.toString());
        return new Chroot(dir);
    }

    Path root() {
        return root;
    }

    /** {@code path} inside the root, as seen from outside it. */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** The command that runs {@code command} inside the root, as root or as {@code user} (null: root). */
    List<String> command(String user, Map<String, String> env, String... command) {
        List<String> c = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && exec chroot \"$@\"", root.toString()));
        if (user != null) {
            c.add("--userspec=" + user + ":" + user);
        }
        c.add(root.toString());
        c.add("env");
        c.add("-i");
        c.add("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
        c.add("LANG=C.UTF-8");
        env.forEach((k, v) -> c.add(k + "=" + v));
        c.addAll(List.of(command));
        return c;
    }

    /** Runs {@code command} as root inside the root. */
    Cmd run(String... command) {
        return Cmd.run(null, Map.of(), 10, command(null, Map.of(), command));
    }

    /** Runs {@code command} as {@code user} inside the root with {@code env}. */
    Cmd runAs(String user, Map<String, String> env, String... command) {
        return Cmd.run(null, Map.of(), 10, command(user, env, command));
    }

    /** Copies {@code file} to /tmp inside the root; its path there. */
    String copyIn(Path file) {
        String inside = "/tmp/" + file.getFileName();
        try {
            Files.copy(file, path(inside));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inside;
    }

    private static synchronized Path cachedBase() {
        String suite = osRelease("VERSION_CODENAME");
        String arch = Cmd.ok("dpkg", "--print-architecture").strip();
        String cacheDir = System.getenv().getOrDefault("SARGS_CACHE", System.getProperty("user.home") + "/.cache/sargs");
        Path tar = Path.of(cacheDir, "debootstrap-" + suite + "-" + arch + "-minbase+" + String.join("+", PACKAGES) + ".tar");
        if (Files.isRegularFile(tar)) {
            return tar;
        }
        String mirror = System.getenv().getOrDefault("SARGS_DEBIAN_MIRROR", aptMirror(suite));
        try {
            Files.createDirectories(tar.getParent());
            Path work = Files.createTempDirectory(tar.getParent(), "debootstrap-");
            System.out.println("[image tests] making the Debian " + suite + " root once with debootstrap from " + mirror
                    + " (cached as " + tar + ")");
            Cmd.run(null, Map.of(), 20, List.of("debootstrap", "--variant=minbase", "--include=" + String.join(",", PACKAGES),
                    suite, work.toString(), mirror)).ok();
            Cmd.ok("chmod", "0755", work.toString());
            Path partial = Path.of(tar + ".partial");
            Cmd.ok("tar", "-C", work.toString(), "-cf", partial.toString(), ".");
            Cmd.ok("rm", "-rf", work.toString());
            Files.move(partial, tar);
            return tar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Debian archive this machine's apt already uses for {@code suite} (deb822 sources first,
     * then sources.list), so the test reaches exactly what apt-get reaches and names no host itself.
     */
    private static String aptMirror(String suite) {
        List<Path> files = new java.util.ArrayList<>();
        try (var d = Files.newDirectoryStream(Path.of("/etc/apt/sources.list.d"), "*.sources")) {
            d.forEach(files::add);
        } catch (IOException e) {
            // no deb822 sources: sources.list below
        }
        for (Path f : files) {
            try {
                for (String stanza : Files.readString(f).split("\\n\\s*\\n")) {
                    String uris = field(stanza, "URIs");
                    String suites = field(stanza, "Suites");
                    if (uris != null && suites != null && List.of(suites.split("\\s+")).contains(suite)
                            && !uris.contains("security")) {
                        return uris.split("\\s+")[0];
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/apt/sources.list"))) {
                String[] w = line.trim().split("\\s+");
                if (w.length >= 3 && w[0].equals("deb") && w[2].equals(suite)) {
                    return w[1];
                }
            }
        } catch (IOException e) {
            // no sources.list either
        }
        throw new IllegalStateException("no Debian archive for " + suite + " in /etc/apt (expected: apt configured,"
                + " or SARGS_DEBIAN_MIRROR set)");
    }

    private static String field(String stanza, String name) {
        for (String line : stanza.split("\\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static String osRelease(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1).replace("\"", "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("/etc/os-release has no " + key + " (expected: a Debian machine)");
    }
}
