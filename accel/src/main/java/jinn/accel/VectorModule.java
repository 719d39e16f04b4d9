package jinn.accel;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether the Vector API ({@code jdk.incubator.vector}) is there for the CPU kernels, and, where the
 * JVM allows it, putting it there at run time instead of with {@code --add-modules}.
 *
 * <p>Why: a JVM whose boot layer holds an incubator module does not archive that layer (JDK 25's
 * {@code ModuleBootstrap} refuses to), so a JDK AOT cache then has no archived module graph and no
 * ahead-of-time linked classes, and the REPL's first result came ~0.2-0.45 s later. jinn's launcher
 * therefore starts the REPL without {@code --add-modules} on JDK 25+ and opens the two JDK packages
 * this class needs ({@code --add-opens java.base/jdk.internal.module=ALL-UNNAMED
 * --add-exports java.base/jdk.internal.loader=ALL-UNNAMED}). The module is then defined to the boot
 * loader, exactly as {@code --add-modules} would have, in a layer of its own above the boot layer:
 * its classes are trusted by the JIT as before ({@code @ForceInline}, intrinsics), and a GEMM is
 * as fast and allocation-free as with the flag (BackendsTest checks both).
 *
 * <p>Without those flags, or with {@code -Djinn.vector.load=false}, nothing is touched and the
 * module is there only if the JVM was started with {@code --add-modules jdk.incubator.vector}.
 */
public final class VectorModule {

    static final String NAME = "jdk.incubator.vector";

    private static volatile Boolean ready;

    private VectorModule() {}

    /**
     * True when the Vector API can be used; loads it the first time if the JVM lets this class do
     * that. Call it before any class that uses the Vector API is loaded.
     */
    public static boolean ready() {
        Boolean r = ready;
        if (r == null) {
            synchronized (VectorModule.class) {
                if (ready == null) ready = ModuleLayer.boot().findModule(NAME).isPresent() || load();
                r = ready;
            }
        }
        return r;
    }

    /** Whether this JDK ships the module at all (javac can then compile against it). */
    public static boolean inThisJdk() {
        return ModuleFinder.ofSystem().find(NAME).isPresent();
    }

    private static boolean load() {
        if (!Boolean.parseBoolean(System.getProperty("jinn.vector.load", "true"))) return false;
        try {
            Configuration cf = ModuleLayer.boot().configuration()
                    .resolve(ModuleFinder.ofSystem(), ModuleFinder.of(), Set.of(NAME));
            // The JDK's own mapping of module names to built-in loaders: only with it may a layer put
            // a module on the boot loader, where the JIT trusts the Vector API's annotations.
            Method mapping = Class.forName("jdk.internal.module.ModuleLoaderMap")
                    .getDeclaredMethod("mappingFunction", Configuration.class);
            Method register = Class.forName("jdk.internal.loader.BootLoader")
                    .getMethod("loadModule", ModuleReference.class);
            // Both accesses are checked before anything is defined: a module defined to the boot
            // loader but never registered with it would have classes nobody can load.
            mapping.setAccessible(true);
            if (!register.canAccess(null)) return false;
            @SuppressWarnings("unchecked")
            Function<String, ClassLoader> loaders = (Function<String, ClassLoader>) mapping.invoke(null, cf);
            ModuleLayer.defineModules(cf, List.of(ModuleLayer.boot()), loaders);
            register.invoke(null, cf.findModule(NAME).orElseThrow().reference());
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not opened to us (no launcher flags), another JDK's internals, or no such module.
            return false;
        }
    }
}
