import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of a jar compiled for Java 5 or older as Java 8 class files (version 52),
 * with the stack maps that version requires and nothing else changed, and checks every rewritten
 * class with the JDK's verifier. An AOT cache (JDK 24+) holds only classes of version 50 or newer;
 * picocli is built for Java 5, so without this every start loads, verifies and links its classes
 * from the jar (about 0.1 s of the start of a command on two cores).
 *
 * <p>Run by {@code ./cloudsync} with a JDK 24 or newer, in source-file mode: {@code java
 * ClassFileUpgrade.java JAR}. The jar is replaced only when every class was rewritten and verified;
 * on any failure it is left as it was and the exit status is 1. Prints how many classes it rewrote.
 */
public final class ClassFileUpgrade {
  private static final int TARGET_MAJOR = 52;
  private static final int STACK_MAPS_REQUIRED_FROM = 50;

  private ClassFileUpgrade() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java ClassFileUpgrade.java JAR");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgrading");
    try {
      int rewritten = upgrade(jar, upgraded);
      if (rewritten > 0) {
        Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.println(jar.getFileName() + ": " + rewritten + " classes rewritten as version 52");
    } catch (IOException | RuntimeException e) {
      System.err.println(jar.getFileName() + ": left as it was: " + e);
      System.exit(1);
    } finally {
      Files.deleteIfExists(upgraded);
    }
  }

  /** Writes {@code in} with its old classes rewritten to {@code out}; returns how many. */
  static int upgrade(Path in, Path out) throws IOException {
    try (URLClassLoader jarLoader = new URLClassLoader(new URL[] {in.toUri().toURL()}, null)) {
      // Stack maps name the common supertype where branches meet: the jar's own classes are
      // resolved from the jar, the JDK's from the running JDK.
      ClassFile classFile =
          ClassFile.of(
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(jarLoader))),
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
      ClassTransform toVersion52 =
          ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
              .andThen(
                  (builder, element) -> {
                    if (element instanceof ClassFileVersion) {
                      builder.withVersion(TARGET_MAJOR, 0);
                    } else {
                      builder.with(element);
                    }
                  });
      int rewritten = 0;
      // ZipFile reads the central directory, so a damaged jar fails here instead of looking empty.
      try (ZipFile zip = new ZipFile(in.toFile());
          ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(out))) {
        for (ZipEntry entry : Collections.list(zip.entries())) {
          byte[] bytes;
          try (InputStream content = zip.getInputStream(entry)) {
            bytes = content.readAllBytes();
          }
          String name = entry.getName();
          // META-INF/versions/ holds classes for newer JDKs; they are new enough already.
          if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
            ClassModel model = classFile.parse(bytes);
            if (model.majorVersion() < STACK_MAPS_REQUIRED_FROM) {
              bytes = classFile.transformClass(model, toVersion52);
              List<VerifyError> errors = classFile.verify(bytes);
              if (!errors.isEmpty()) {
                throw new IllegalStateException(name + " fails verification: " + errors.get(0));
              }
              rewritten++;
            }
          }
          ZipEntry copy = new ZipEntry(name);
          copy.setTime(entry.getTime());
          target.putNextEntry(copy);
          target.write(bytes);
          target.closeEntry();
        }
      }
      return rewritten;
    }
  }
}
