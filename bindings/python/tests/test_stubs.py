"""The type stubs describe the module that ships: every name they declare exists, and every
public name of the module is declared."""
import ast
import pathlib

import ttplan

STUB = pathlib.Path(ttplan.__file__).with_name("__init__.pyi")


def declared():
    tree = ast.parse(STUB.read_text())
    names, members = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
            members[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names, members


def test_every_stub_name_exists():
    names, members = declared()
    for name in names:
        assert hasattr(ttplan, name), f"{name} is in the stub but not in the module"
    for cls, attrs in members.items():
        runtime = getattr(ttplan, cls)
        for attr in attrs:
            assert hasattr(runtime, attr), f"{cls}.{attr} is in the stub but not in the module"


def test_every_public_name_is_in_the_stub():
    names, members = declared()
    assert set(ttplan.__all__) <= names
    for cls in members:
        runtime = getattr(ttplan, cls)
        public = {a for a in vars(runtime) if not a.startswith("_")}
        assert public <= members[cls], f"{cls}: {sorted(public - members[cls])} missing from the stub"
