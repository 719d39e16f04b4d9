"""What each kernel under test is asked and must answer.

"jinn" is the kernel these tests are for. "python3" (ipykernel) is here only to check the tests
themselves: a test that fails against ipykernel, the reference kernel, is a wrong test, unless the
entry below says why ipykernel is expected to fail it (xfail, strict: it must then fail).
"""

# A 1x1 red PNG, so that ipykernel's display sample needs nothing beyond the standard library.
_RED_PIXEL_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)

PROFILES = {
    "jinn": dict(
        language_name="java",
        file_extension=".jsh",
        code_hello_world='System.out.println("hello, world")',
        code_stderr='System.err.println("oops")',
        # (code, cursor position, a match that must be offered, where the replaced text starts)
        completion=[("Math.ma", 7, "max", 5), ("1 + sigmoidVa", 13, "sigmoidValue", 4)],
        define_completion_target="double sigmoidValue = 0.5;",
        complete_code=["1 + 1", "int a = 1;", 'System.out.println("x");', "class A {}"],
        # The REPL's multi-line rule: an open block, a trailing dot, an open parenthesis wait for more.
        incomplete_code=["net().dense(256).", "for (int i = 0; i < 3; i++) {", "Math.max(1,"],
        invalid_code=[],
        code_inspect_sample="Math.max",
        inspect_must_mention="max",
        code_execute_result=[{"code": "6 * 7", "result": "42"}, {"code": '"a" + "b"', "result": '"ab"'}],
        code_history_pattern="6 ?*",
        supported_history_operations=("tail", "range", "search"),
        # A chart given to the facade's display(...) arrives as a PNG (and the same bundle's text).
        code_display_data=[{"code": "display(plot(new double[] {1, 4, 9, 16}))", "mime": "image/png"}],
        code_generate_error='throw new IllegalStateException("boom")',
        error_name="IllegalStateException",
        define_variable="int kept = 41;",
        use_variable="kept + 1",
        use_variable_result="42",
        busy_loop="while (true) { }",
        print_sleep_print='System.out.println("first");\nThread.sleep(1500);\nSystem.out.println("second");',
        unstored_code="5 + 5",
        read_stdin=("var line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();\n"
                    "line.toUpperCase()"),
        read_stdin_result='"HELLO FROM STDIN"',
        # IPython's magics, which Jupyter users type in any kernel: a cell timed once, the variables listed.
        timed_cell="%%time\nint six = 6;\nsix * 7",
        who_names="six",
        unknown_magic="%nosuchmagic",
        # Clear messages for refused connection files: the words a user needs to act on.
        interrupt_reply_has_status=True,
        refuse_remote_mentions=["192.0.2.1", "--allow-remote"],
        refuse_empty_key_mentions=["key", "--insecure"],
        xfail={},
    ),
    "python3": dict(
        language_name="python",
        file_extension=".py",
        code_hello_world='print("hello, world")',
        code_stderr='import sys; print("oops", file=sys.stderr)',
        completion=[("import o", 8, "os", 7), ("1 + sigmoid_va", 14, "sigmoid_value", 4)],
        define_completion_target="sigmoid_value = 0.5",
        complete_code=["1 + 1", "a = 1", "def f():\n    return 1\n\n"],
        incomplete_code=["def f(", "for i in range(3):", "max(1,"],
        invalid_code=["a = [1, 2)"],
        code_inspect_sample="max",
        inspect_must_mention="max",
        code_execute_result=[{"code": "6 * 7", "result": "42"}, {"code": '"a" + "b"', "result": "'ab'"}],
        code_history_pattern="6 ?*",
        supported_history_operations=("tail", "range", "search"),
        code_display_data=[{"code": f"display({{'image/png': '{_RED_PIXEL_PNG}'}}, raw=True)", "mime": "image/png"}],
        code_generate_error='raise ValueError("boom")',
        error_name="ValueError",
        define_variable="kept = 41",
        use_variable="kept + 1",
        use_variable_result="42",
        busy_loop="while True: pass",
        print_sleep_print='import time\nprint("first")\ntime.sleep(1.5)\nprint("second")',
        unstored_code="5 + 5",
        read_stdin="input().upper()",
        read_stdin_result="'HELLO FROM STDIN'",
        timed_cell="%%time\nsix = 6\nsix * 7",
        who_names="six",
        unknown_magic="%nosuchmagic",
        # ipykernel 6.17's interrupt_reply has empty content; protocol 5.3 asks for a status.
        interrupt_reply_has_status=False,
        refuse_remote_mentions=["Cannot assign requested address"],
        refuse_empty_key_mentions=[],
        # ipykernel runs unsigned with an empty key (the protocol allows it); jinn must refuse.
        xfail={
            "test_an_empty_key_is_refused": "ipykernel accepts an empty key and runs without signatures",
            # ipykernel answers a "range" request for the current session with session number 0
            # rather than the number its "tail" reply gave (IPython's history counts the current
            # session as 0).
            "test_history": "ipykernel's range reply names the current session 0, not its number",
        },
    ),
}
