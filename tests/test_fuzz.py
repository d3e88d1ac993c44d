"""No input makes the validator print a traceback: mutated records always give clean diagnostics."""

from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.validate import validate

from conftest import FIXTURES, ROOT, TODAY

VALID = (FIXTURES / "records" / "valid.yml").read_bytes()
LINES = VALID.split(b"\n")
NASTY = [b"\t", b": ", b"- ", b'"', b"'", b"&a", b"*a", b"!!str", b"---", b"{", b"[", b"\xff", b"\x00", b"yes",
         b"0012", b"3.10", b"<script>", b"\xe2\x80\xae", b"~", b"#", b"|", b">", b"?", b"%", b"@", b"`", b"\r"]

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, len(LINES) - 1), st.just(b"")),
    st.tuples(st.just("insert"), st.integers(0, len(LINES) - 1), st.sampled_from(NASTY)),
    st.tuples(st.just("replace"), st.integers(0, len(LINES) - 1), st.binary(max_size=20)),
    st.tuples(st.just("duplicate"), st.integers(0, len(LINES) - 1), st.just(b"")),
    st.tuples(st.just("indent"), st.integers(0, len(LINES) - 1), st.sampled_from([b" ", b"  ", b"   "])),
)


def mutate(mutations: list[tuple[str, int, bytes]]) -> bytes:
    lines = list(LINES)
    for kind, i, data in mutations:
        i %= len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "insert":
            at = len(lines[i]) // 2
            lines[i] = lines[i][:at] + data + lines[i][at:]
        elif kind == "replace":
            lines[i] = data
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            lines[i] = data + lines[i]
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_records_give_clean_diagnostics(tmp_path_factory, mutations) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path_factory.mktemp("fuzz")
    (project / "site_config.yml").write_bytes((ROOT / "site_config.yml").read_bytes())
    target = project / "products/mai-son/SL-MS-0001.yml"
    target.parent.mkdir(parents=True)
    target.write_bytes(mutate(mutations))
    result = validate(project / "site_config.yml", TODAY)  # must not raise
    for p in result.problems:
        assert p.file == "products/mai-son/SL-MS-0001.yml"
        assert p.line >= 1 and p.col >= 1
        text = p.text()
        assert "Traceback" not in text and "pydantic" not in text.lower() and "<class" not in text
        assert "_type" not in p.message  # no library error kinds leak through


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_a_description_is_judged_not_crashed(text: str) -> None:
    from generator.markdown import markdown_problems, render
    markdown_problems(text)
    html = render(text)
    assert "<script" not in html.lower()
