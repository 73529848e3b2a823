"""The etl pipeline: turns raw CSV files in the data bucket into cleaned training data.

Runs locally with the DirectRunner for a quick check, and on Dataflow for real data (see README.md
beside it).
"""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Iterable

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

DEFAULT_INPUT = "gs://acme-vision-prod-acme-vision-data/raw/*.csv"
DEFAULT_OUTPUT = "gs://acme-vision-prod-acme-vision-data/processed/etl/part"


def parse_row(line: str) -> list[str]:
    return next(csv.reader(io.StringIO(line)))


def is_complete(row: list[str]) -> bool:
    """Rows with an empty field would train on missing values; they are dropped."""
    return len(row) > 0 and all(field.strip() for field in row)


def to_csv(row: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([field.strip() for field in row])
    return buffer.getvalue()


def build(pipeline: beam.Pipeline, input_pattern: str, output_prefix: str) -> None:
    (
        pipeline
        | "Read" >> beam.io.ReadFromText(input_pattern, skip_header_lines=1)
        | "Parse" >> beam.Map(parse_row)
        | "DropIncomplete" >> beam.Filter(is_complete)
        | "Format" >> beam.Map(to_csv)
        | "Write" >> beam.io.WriteToText(output_prefix, file_name_suffix=".csv")
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=DEFAULT_INPUT)
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    known, beam_args = parser.parse_known_args(argv)
    with beam.Pipeline(options=PipelineOptions(beam_args, save_main_session=True)) as pipeline:
        build(pipeline, known.input, known.output)


if __name__ == "__main__":
    main()
