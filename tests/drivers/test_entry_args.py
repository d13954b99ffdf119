"""ENTRY_FUNCTION argument parsing: ADS's rules, case by case."""
import unittest

import driver_test_support  # noqa: F401 - puts drivers/ on sys.path
from driver_utils import parse_entry_function_args


class EntryFunctionArguments(unittest.TestCase):
    def check(self, argv, args, kwargs):
        self.assertEqual(parse_entry_function_args(argv), (args, kwargs))

    def test_empty(self):
        self.check([], [], {})

    def test_positional_only(self):
        self.check(["a", "b", "c"], ["a", "b", "c"], {})

    def test_keyword_value(self):
        self.check(["--k", "v"], [], {"k": "v"})

    def test_positional_then_keyword(self):
        self.check(["a", "--k", "v"], ["a"], {"k": "v"})

    def test_positional_after_keyword_value(self):
        self.check(["--k", "v", "b"], ["b"], {"k": "v"})

    def test_keyword_without_value_at_end(self):
        self.check(["a", "--flag"], ["a"], {"flag": None})

    def test_keyword_followed_by_keyword(self):
        self.check(["--x", "--y", "1"], [], {"x": None, "y": "1"})

    def test_empty_value(self):
        self.check(["--k", ""], [], {"k": ""})

    def test_empty_positional(self):
        self.check(["", "a"], ["", "a"], {})

    def test_value_with_spaces_and_quotes(self):
        self.check(["--name", "my model", "it's \"x\""], ["it's \"x\""], {"name": "my model"})

    def test_repeated_keyword_keeps_last(self):
        self.check(["--k", "1", "--k", "2"], [], {"k": "2"})

    def test_double_dash_alone_is_positional(self):
        self.check(["--", "a"], ["--", "a"], {})

    def test_double_dash_fills_open_keyword(self):
        self.check(["--k", "--"], [], {"k": "--"})

    def test_single_dash_options_are_plain(self):
        self.check(["-v", "--n", "-1"], ["-v"], {"n": "-1"})

    def test_key_keeps_dashes_and_equals(self):
        self.check(["--learning-rate", "0.1", "--a=b"], [], {"learning-rate": "0.1", "a=b": None})

    def test_three_dashes(self):
        self.check(["---x", "1"], [], {"-x": "1"})


if __name__ == "__main__":
    unittest.main()
