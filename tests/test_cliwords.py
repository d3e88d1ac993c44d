"""The `ocop` command speaks Vietnamese by default and English on request (`--lang en`, OCOP_LANG):
every help text and fixed message exists in both languages, and the language reaches every command."""

from __future__ import annotations

import re
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.cliwords import WORDS, say

VIETNAMESE_LETTERS = re.compile("[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(WORDS))
def test_every_entry_has_both_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = WORDS[key]
    assert vi.strip() and en.strip(), key
    assert _fields(vi) == _fields(en), key


def test_vietnamese_help_is_vietnamese() -> None:
    # A help text "translated" by copying the English would pass the test above.
    helps = [k for k in WORDS if k.startswith(("help.", "opt."))]
    untranslated = [k for k in helps if not VIETNAMESE_LETTERS.search(WORDS[k][0])]
    assert untranslated == []


def _every_command() -> list[tuple[str, click.Command]]:
    return [("ocop", main), *((f"ocop {n}", c) for n, c in main.commands.items())]


def test_every_help_text_comes_from_the_words_table() -> None:
    for name, command in _every_command():
        assert command.help in WORDS, f"{name}: its help is not a key of cliwords.WORDS"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help in WORDS, f"{name} {param.opts[0]}: help {param.help!r} is not a key"


@pytest.mark.parametrize("args", [[], ["build"], ["validate"], ["new"], ["import"]])
def test_help_is_vietnamese_by_default_and_english_on_request(args: list[str]) -> None:
    runner = CliRunner()
    vi = runner.invoke(main, [*args, "--help"], env={"OCOP_LANG": None})
    en = runner.invoke(main, ["--lang", "en", *args, "--help"], env={"OCOP_LANG": None})
    from_env = runner.invoke(main, [*args, "--help"], env={"OCOP_LANG": "en"})
    assert vi.exit_code == en.exit_code == from_env.exit_code == 0
    command = main if not args else main.commands[args[0]]
    assert vi.output.startswith("Cách dùng: ")
    assert "Tùy chọn:" in vi.output and "Xem hướng dẫn này rồi thoát." in vi.output
    assert say(command.help, "vi").split()[0] in vi.output
    assert "Options:" not in vi.output and "Show this message" not in vi.output
    assert en.output.startswith("Usage: ") and "Options:" in en.output
    assert say(command.help, "en").split("\n")[0][:40] in " ".join(en.output.split())
    assert from_env.output == en.output


def test_lang_on_the_command_line_wins_over_the_environment() -> None:
    result = CliRunner().invoke(main, ["--lang", "vi", "--help"], env={"OCOP_LANG": "en"})
    assert result.output.startswith("Cách dùng:")


def test_commands_speak_the_chosen_language(tmp_path: Path) -> None:
    runner = CliRunner()
    vi = runner.invoke(main, ["schema", "--check", "--root", str(tmp_path)], env={"OCOP_LANG": None})
    en = runner.invoke(main, ["--lang", "en", "schema", "--check", "--root", str(tmp_path)], env={"OCOP_LANG": None})
    assert vi.exit_code == en.exit_code == 1, vi.output + en.output
    assert "Các tệp sinh tự động đã cũ: " in vi.output and "Stale generated files: " in en.output
    written = runner.invoke(main, ["schema", "--root", str(tmp_path)], env={"OCOP_LANG": "en"})
    assert written.output.startswith("Wrote: schema/product.schema.json")


def test_an_unknown_language_is_refused() -> None:
    result = CliRunner().invoke(main, ["--lang", "fr", "--help"])
    assert result.exit_code == 2 and "--lang" in result.output
