"""Reads DICOM files with pydicom and reports, per file, whether it read and what pydicom warned about.

Used by the interop tests: every element is visited (values decoded, sequences walked), so a file that only
fails when a value is touched still fails here. Prints one JSON object per line.
"""
import json
import sys
import warnings

import pydicom
from pydicom import config


def visit(dataset):
    for element in dataset:
        if element.VR == "SQ":
            for item in element.value:
                visit(item)
        else:
            str(element.value)


def main(paths):
    config.settings.reading_validation_mode = config.WARN
    for path in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                dataset = pydicom.dcmread(path)
                visit(dataset.file_meta)
                visit(dataset)
                error = None
            except Exception as exc:  # report every failure to the test, whatever its type
                error = f"{type(exc).__name__}: {exc}"
        messages = sorted({str(w.message).replace(path, "<file>") for w in caught})
        print(json.dumps({"path": path, "error": error, "warnings": messages}))


if __name__ == "__main__":
    main(sys.argv[1:])
