package jinn.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "did you mean": real typos get the name meant, names that are merely short or new get nothing. */
class NameHintTest {

    /** What completion offers at the top level of a session: jinn's facade, common JDK types, a few variables. */
    static final List<String> KNOWN = List.of("net", "IO", "bar", "int", "var", "xor", "dice", "mnist", "tensor",
            "epochs", "sgd", "adam", "plot", "evaluate", "accuracy", "predict", "Tensor", "System", "String",
            "Math", "List", "Map", "relu", "dense", "softmax", "learningRate", "seed", "fit", "save", "load",
            "history", "model", "println", "length");

    @Test
    void realTyposGetTheNameMeant() {
        Map<String, String> typos = new LinkedHashMap<>();
        typos.put("evalute", "evaluate");
        typos.put("acuracy", "accuracy");
        typos.put("predcit", "predict");
        typos.put("Tesnor", "Tensor");
        typos.put("tesnor", "tensor");
        typos.put("minst", "mnist");
        typos.put("sotfmax", "softmax");
        typos.put("desne", "dense");
        typos.put("Sytem", "System");
        typos.put("Strng", "String");
        typos.put("epoch", "epochs");
        typos.put("relU", "relu");
        typos.put("RELU", "relu");
        typos.put("lerningRate", "learningRate");
        typos.put("histroy", "history");
        typos.put("lenght", "length");
        typos.put("pritnln", "println");
        typos.put("Xor", "xor");
        typos.put("sdg", "sgd");
        typos.forEach((typo, meant) -> assertEquals(Optional.of(meant), NameHint.suggest(typo, KNOWN), typo));
    }

    @Test
    void namesThatAreNotTyposGetNothing() {
        for (String name : List.of("x", "y", "i", "n", "ab", "nt", "in", "foo", "data", "loss", "hello", "counter",
                "weights", "mdl", "zzzzzzzz", "train", "images", "result", "w1", "b2", "xs", "optimizer")) {
            assertEquals(Optional.empty(), NameHint.suggest(name, KNOWN), name);
        }
    }
}
