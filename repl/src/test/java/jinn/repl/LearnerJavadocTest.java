package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The types a learner meets first document every public method: {@code /doc} and F1 show that text,
 * and a signature alone does not teach. Parsed with javac's own tree API, so a comment counts only
 * where javac (and so JShell's documentation) sees it.
 */
class LearnerJavadocTest {

    /** The facade and the types its calls return, which a learner reaches in the first hour. */
    static final List<String> LEARNER_TYPES = List.of(
            "dsl/src/main/java/jinn/Jinn.java",
            "dsl/src/main/java/jinn/nn/Net.java",
            "dsl/src/main/java/jinn/nn/NetBuilder.java",
            "dsl/src/main/java/jinn/train/Fit.java",
            "dsl/src/main/java/jinn/tensor/Tensor.java",
            "dsl/src/main/java/jinn/data/Dataset.java",
            "plotting/src/main/java/jinn/plot/Plots.java",
            "plotting/src/main/java/jinn/plot/Chart.java");

    @Test
    void everyPublicMethodOfTheLearnersTypesHasJavadoc() throws Exception {
        Path root = Path.of(System.getProperty("jinn.root", ".."));
        List<String> undocumented = new ArrayList<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            List<Path> sources = LEARNER_TYPES.stream().map(root::resolve).toList();
            for (Path p : sources) assertTrue(Files.isRegularFile(p), "missing source " + p + " (jinn.root=" + root + ")");
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree c, Void v) {
                        // Only the file's own type: nested records and enums are details a learner meets later.
                        if (getCurrentPath().getParentPath().getLeaf().getKind() != Tree.Kind.COMPILATION_UNIT) return null;
                        return super.visitClass(c, v);
                    }

                    @Override
                    public Void visitMethod(MethodTree m, Void v) {
                        if (m.getModifiers().getFlags().contains(Modifier.PUBLIC) && !m.getName().contentEquals("<init>")) {
                            var comment = docs.getDocCommentTree(new TreePath(getCurrentPath().getParentPath(), m));
                            if (comment == null || comment.getFullBody().isEmpty()) {
                                String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
                                long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, m));
                                undocumented.add(file + ":" + line + " " + m.getName() + "(" + m.getParameters().size() + " parameters)");
                            }
                        }
                        return null;
                    }
                }.scan(unit, null);
            }
        }
        assertEquals(List.of(), undocumented, undocumented.size() + " public methods without javadoc");
    }
}
