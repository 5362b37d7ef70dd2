// Generated from scenarios/summary.schema.json (a test keeps the two equal); regenerate with
// `make summary-schema` after editing the schema.

/// The JSON Schema of `summary.json`, embedded so `covplan compare` validates from any folder.
public enum SummarySchema {
    public static let text = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://covplan.example/summary.schema.json",
  "title": "covplan run summary (summary.json)",
  "description": "The stable schema of DIR/summary.json written by `covplan run`. Sections appear when the scenario asks for them; keys inside a section are the same the single commands write. Lengths in metres, times in seconds unless named otherwise, money in tenge.",
  "type": "object",
  "required": [
    "scenario",
    "seed",
    "covplan_summary_version",
    "city"
  ],
  "additionalProperties": false,
  "properties": {
    "scenario": {
      "type": "string"
    },
    "seed": {
      "type": "integer",
      "minimum": 0
    },
    "covplan_summary_version": {
      "type": "integer",
      "enum": [
        1
      ]
    },
    "city": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "working_crs",
        "street_length_m",
        "drivable_length_m",
        "street_segments",
        "street_length_by_class_m",
        "buildings",
        "schools",
        "police_stations",
        "cameras",
        "repaired_features",
        "skipped_features"
      ],
      "properties": {
        "working_crs": {
          "type": "string"
        },
        "street_length_m": {
          "type": "number",
          "minimum": 0
        },
        "drivable_length_m": {
          "type": "number",
          "minimum": 0
        },
        "street_segments": {
          "type": "integer",
          "minimum": 0
        },
        "street_length_by_class_m": {
          "type": "object",
          "additionalProperties": {
            "type": "number",
            "minimum": 0
          }
        },
        "buildings": {
          "type": "integer",
          "minimum": 0
        },
        "schools": {
          "type": "integer",
          "minimum": 0
        },
        "police_stations": {
          "type": "integer",
          "minimum": 0
        },
        "cameras": {
          "type": "integer",
          "minimum": 0
        },
        "repaired_features": {
          "type": "integer",
          "minimum": 0
        },
        "skipped_features": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "ingest": {
      "type": "object",
      "additionalProperties": false,
      "description": "Features of the city repaired (GEOS make-valid) or skipped on load: counts, and the first ten of each.",
      "required": [
        "repaired",
        "skipped",
        "reader_warnings",
        "first_repaired",
        "first_skipped"
      ],
      "properties": {
        "repaired": {
          "type": "integer",
          "minimum": 0
        },
        "skipped": {
          "type": "integer",
          "minimum": 0
        },
        "reader_warnings": {
          "type": "integer",
          "minimum": 0
        },
        "first_repaired": {
          "type": "array",
                    "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "layer",
              "feature",
              "problem"
            ],
            "properties": {
              "layer": {
                "type": "string"
              },
              "feature": {
                "type": "string"
              },
              "problem": {
                "type": "string"
              }
            }
          }
        },
        "first_skipped": {
          "type": "array",
                    "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "layer",
              "feature",
              "problem"
            ],
            "properties": {
              "layer": {
                "type": "string"
              },
              "feature": {
                "type": "string"
              },
              "problem": {
                "type": "string"
              }
            }
          }
        }
      }
    },
    "load": {
      "type": "object",
      "description": "Precinct load against the norm: the keys `covplan load` writes.",
      "required": [
        "total_residents",
        "unassigned_residents",
        "source_total",
        "precincts",
        "inspectors",
        "assistants",
        "norm",
        "over_norm",
        "unstaffed",
        "inspectors_needed",
        "deficit",
        "max_residents_per_inspector",
        "load_classes",
        "method",
        "method_description",
        "inputs",
        "notes"
      ],
      "properties": {
        "total_residents": {
          "type": "number",
          "minimum": 0
        },
        "unassigned_residents": {
          "type": "number",
          "minimum": 0
        },
        "source_total": {
          "type": "number",
          "minimum": 0
        },
        "precincts": {
          "type": "integer",
          "minimum": 0
        },
        "inspectors": {
          "type": "integer",
          "minimum": 0
        },
        "assistants": {
          "type": "integer",
          "minimum": 0
        },
        "norm": {
          "type": "number",
          "minimum": 0
        },
        "over_norm": {
          "type": "integer",
          "minimum": 0
        },
        "unstaffed": {
          "type": "integer",
          "minimum": 0
        },
        "inspectors_needed": {
          "type": "integer",
          "minimum": 0
        },
        "deficit": {
          "type": "integer"
        },
        "max_residents_per_inspector": {
          "type": [
            "number",
            "null"
          ]
        },
        "load_classes": {
          "type": "object",
          "additionalProperties": {
            "type": "integer",
            "minimum": 0
          }
        },
        "load_class_thresholds": {
          "type": "string"
        },
        "method": {
          "type": "string"
        },
        "method_description": {
          "type": "string"
        },
        "inputs": {
          "type": "object"
        },
        "notes": {
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "rebalance": {
      "type": "object",
      "description": "Rebalanced precincts: the keys `covplan rebalance` writes.",
      "required": [
        "precincts",
        "blocks",
        "total_residents",
        "total_residents_after",
        "norm",
        "before",
        "after",
        "residents_moved",
        "blocks_moved",
        "feasible_without_extra_inspectors",
        "method"
      ],
      "properties": {
        "precincts": {
          "type": "integer",
          "minimum": 0
        },
        "blocks": {
          "type": "integer",
          "minimum": 0
        },
        "total_residents": {
          "type": "number",
          "minimum": 0
        },
        "total_residents_after": {
          "type": "number",
          "minimum": 0
        },
        "norm": {
          "type": "number",
          "minimum": 0
        },
        "before": {
          "type": "object",
          "required": [
            "over_norm",
            "max_residents_per_inspector"
          ]
        },
        "after": {
          "type": "object",
          "required": [
            "over_norm",
            "max_residents_per_inspector",
            "extra_inspectors"
          ]
        },
        "residents_moved": {
          "type": "number",
          "minimum": 0
        },
        "blocks_moved": {
          "type": "integer",
          "minimum": 0
        },
        "feasible_without_extra_inspectors": {
          "type": "boolean"
        },
        "method": {
          "type": "string"
        }
      }
    },
    "reach": {
      "type": "object",
      "description": "Response reach from posts: the keys `covplan reach` writes.",
      "required": [
        "mode",
        "thresholds",
        "sources",
        "unsnapped",
        "total_street_length_m",
        "residents_total",
        "schools_total",
        "population_method",
        "graph",
        "beats"
      ],
      "properties": {
        "mode": {
          "type": "string",
          "enum": [
            "drive",
            "walk"
          ]
        },
        "thresholds": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "minutes",
              "street_length_m",
              "street_fraction",
              "residents",
              "schools"
            ],
            "additionalProperties": false,
            "properties": {
              "minutes": {
                "type": "number",
                "minimum": 0
              },
              "street_length_m": {
                "type": "number",
                "minimum": 0
              },
              "street_fraction": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "residents": {
                "type": "number",
                "minimum": 0
              },
              "schools": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "minItems": 1
        },
        "sources": {
          "type": "integer",
          "minimum": 0
        },
        "unsnapped": {
          "type": "integer",
          "minimum": 0
        },
        "unsnapped_ids": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "total_street_length_m": {
          "type": "number",
          "minimum": 0
        },
        "residents_total": {
          "type": "number",
          "minimum": 0
        },
        "schools_total": {
          "type": "integer",
          "minimum": 0
        },
        "population_method": {
          "type": "string"
        },
        "graph": {
          "type": "object",
          "required": [
            "nodes",
            "edges",
            "components"
          ]
        },
        "beats": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "source",
              "street_length_m",
              "residents",
              "schools"
            ]
          }
        }
      }
    },
    "coverage": {
      "type": "object",
      "description": "Camera coverage of the streets: the keys `covplan coverage` writes.",
      "required": [
        "street_length_m",
        "covered_length_m",
        "covered_fraction",
        "by_class",
        "multiplicity_m",
        "gaps_count",
        "gaps_length_m",
        "min_gap_m",
        "top_gaps",
        "cameras",
        "cameras_skipped",
        "occlusion",
        "skipped_cameras",
        "working_crs"
      ],
      "properties": {
        "street_length_m": {
          "type": "number",
          "minimum": 0
        },
        "covered_length_m": {
          "type": "number",
          "minimum": 0
        },
        "covered_fraction": {
          "type": "number",
          "minimum": 0,
          "maximum": 1
        },
        "by_class": {
          "type": "object",
          "additionalProperties": {
            "type": "object",
            "required": [
              "length_m",
              "covered_m",
              "covered_fraction"
            ]
          }
        },
        "by_district": {
          "type": "object",
          "additionalProperties": {
            "type": "object",
            "required": [
              "length_m",
              "covered_m",
              "covered_fraction"
            ]
          }
        },
        "multiplicity_m": {
          "type": "object",
          "required": [
            "0",
            "1",
            "2",
            "3+"
          ],
          "additionalProperties": {
            "type": "number",
            "minimum": 0
          }
        },
        "gaps_count": {
          "type": "integer",
          "minimum": 0
        },
        "gaps_length_m": {
          "type": "number",
          "minimum": 0
        },
        "min_gap_m": {
          "type": "number",
          "minimum": 0
        },
        "top_gaps": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "rank",
              "street_id",
              "road_class",
              "length_m",
              "score"
            ]
          }
        },
        "cameras": {
          "type": "integer",
          "minimum": 0
        },
        "cameras_skipped": {
          "type": "integer",
          "minimum": 0
        },
        "occlusion": {
          "type": "boolean"
        },
        "covered_level": {
          "enum": ["detect", "observe", "recognize", "identify"],
          "description": "The DORI level (IEC 62676-4) that `covered_*`, gaps, multiplicity and schools rest on: each camera counts out to the distance where its pixel density falls to this level, from the near ground limit of its mounting. Absent: the plan range whatever the pixel density."
        },
        "heading_assumption": {
          "enum": ["all_round", "nearest_street"],
          "description": "How cameras without a heading were counted (`cameras_heading_unknown` of them): all round (an upper bound) or aimed at the nearest street."
        },
        "by_level": {
          "type": "object",
          "description": "Street metres seen by day at or above each DORI level (detect 25 px/m, observe 62.5, recognise 125, identify 250).",
          "required": ["detect", "observe", "recognize", "identify"],
          "additionalProperties": false,
          "properties": {
            "detect": { "type": "number", "minimum": 0 },
            "observe": { "type": "number", "minimum": 0 },
            "recognize": { "type": "number", "minimum": 0 },
            "identify": { "type": "number", "minimum": 0 }
          }
        },
        "by_level_night": {
          "type": "object",
          "description": "The same at night: cameras limited to their infrared range (cameras without IR keep their day range).",
          "required": ["detect", "observe", "recognize", "identify"],
          "additionalProperties": false,
          "properties": {
            "detect": { "type": "number", "minimum": 0 },
            "observe": { "type": "number", "minimum": 0 },
            "recognize": { "type": "number", "minimum": 0 },
            "identify": { "type": "number", "minimum": 0 }
          }
        },
        "night_covered_m": {
          "type": "number",
          "minimum": 0,
          "description": "Street metres seen at `covered_level` at night (cameras limited to their infrared range)."
        },
        "heading_survey": {
          "type": "array",
          "description": "The field-survey list (first 20; the `heading_survey` layer and table hold all): cameras without a heading ranked by `swing_m`, the exact change of `covered_length_m` when that one camera is known to point at its nearest street instead of all round (other cameras as `heading_assumption` counts them; metres another camera sees anyway do not count). `all_round_m` and `nearest_street_m`: what the camera sees alone at `covered_level` under each heading.",
          "items": {
            "type": "object",
            "required": ["rank", "camera_id", "type", "swing_m", "all_round_m", "nearest_street_m"],
            "additionalProperties": false,
            "properties": {
              "rank": { "type": "integer", "minimum": 1 },
              "camera_id": { "type": "string" },
              "type": { "type": "string" },
              "swing_m": { "type": "number" },
              "all_round_m": { "type": "number", "minimum": 0 },
              "nearest_street_m": { "type": "number", "minimum": 0 }
            }
          }
        },
        "heading_range": {
          "type": "object",
          "description": "Covered length at `covered_level` under both assumptions for the cameras without a heading: low = aimed at the nearest street, high = all round (an upper bound). Present only when some camera has no heading.",
          "required": ["low_m", "high_m", "low_fraction", "high_fraction"],
          "additionalProperties": false,
          "properties": {
            "low_m": { "type": "number", "minimum": 0 },
            "high_m": { "type": "number", "minimum": 0 },
            "low_fraction": { "type": "number", "minimum": 0, "maximum": 1 },
            "high_fraction": { "type": "number", "minimum": 0, "maximum": 1 }
          }
        },
        "night_covered_fraction": {
          "type": "number",
          "minimum": 0,
          "maximum": 1
        },
        "schools": {
          "type": "object",
          "required": [
            "count",
            "seen",
            "not_seen",
            "list"
          ]
        },
        "skipped_cameras": {
          "type": "array"
        },
        "working_crs": {
          "type": "string"
        }
      }
    },
    "simulation": {
      "type": "object",
      "description": "Incident and dispatch simulation: the keys `covplan simulate` writes (trips, trips_detected_fraction and intercept_fraction when cameras are present).",
      "required": [
        "incidents",
        "response_time_s",
        "within_target_fraction",
        "unit_utilization",
        "units"
      ],
      "properties": {
        "incidents": {
          "type": "integer",
          "minimum": 0
        },
        "response_time_s": {
          "type": "object",
          "required": [
            "mean",
            "p50",
            "p90"
          ],
          "properties": {
            "mean": {
              "type": "number",
              "minimum": 0
            },
            "p50": {
              "type": "number",
              "minimum": 0
            },
            "p90": {
              "type": "number",
              "minimum": 0
            }
          }
        },
        "within_target_fraction": {
          "type": "number",
          "minimum": 0,
          "maximum": 1
        },
        "unit_utilization": {
          "type": "number",
          "minimum": 0,
          "maximum": 1
        },
        "trips": {
          "type": "integer",
          "minimum": 0
        },
        "trips_detected_fraction": {
          "type": "number",
          "minimum": 0,
          "maximum": 1
        },
        "intercept_fraction": {
          "type": "number",
          "minimum": 0,
          "maximum": 1
        },
        "units": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "id",
              "utilization"
            ]
          }
        }
      }
    },
    "hypercube": {
      "type": "object",
      "description": "Larson's hypercube queueing model (`covplan hypercube`, `hypercube:` of a scenario): unit workloads, dispatches into other units' areas, queueing and mean response.",
      "required": ["method", "units", "atoms", "mean_service_s", "workloads", "mean_workload", "interdistrict_fraction", "queue_probability"],
      "properties": {
        "method": { "enum": ["exact", "approximate"] },
        "units": { "type": "integer", "minimum": 1 },
        "atoms": { "type": "integer", "minimum": 0 },
        "mean_service_s": { "type": "number", "minimum": 0 },
        "workloads": { "type": "array", "items": { "type": "object", "required": ["id", "workload", "interdistrict_fraction"] } },
        "mean_workload": { "type": "number", "minimum": 0, "maximum": 1 },
        "interdistrict_fraction": { "type": "number", "minimum": 0, "maximum": 1 },
        "queue_probability": { "type": "number", "minimum": 0, "maximum": 1 }
      }
    },
    "junctions": {
      "type": "object",
      "description": "Junction completeness (`covplan junctions`, `junctions:` of a scenario): junctions of the traffic network whose every approach the cameras see at a DORI level.",
      "required": ["level", "directional", "approach_m", "seen_share", "junctions", "complete", "complete_share", "approaches", "approaches_seen", "approaches_seen_share", "by_approach_count"],
      "properties": {
        "level": { "enum": ["detect", "observe", "recognize", "identify"] },
        "directional": { "type": "boolean" },
        "approach_m": { "type": "number", "minimum": 0 },
        "seen_share": { "type": "number", "minimum": 0, "maximum": 1 },
        "junctions": { "type": "integer", "minimum": 0 },
        "complete": { "type": "integer", "minimum": 0 },
        "complete_share": { "type": "number", "minimum": 0, "maximum": 1 },
        "approaches": { "type": "integer", "minimum": 0 },
        "approaches_seen": { "type": "integer", "minimum": 0 },
        "approaches_seen_share": { "type": "number", "minimum": 0, "maximum": 1 },
        "by_approach_count": { "type": "array" },
        "cameras": { "type": "integer", "minimum": 0 }
      }
    },
    "hot_spots": {
      "description": "Crime hot spots: the keys `covplan hotspots` writes (quartic kernel density, Getis–Ord Gi*, Benjamini–Hochberg false-discovery rate), on a grid or on street segments.",
      "anyOf": [
        {
          "type": "object",
          "description": "On a grid (`on: grid`, the default).",
          "required": [
            "cell_m",
            "bandwidth_m",
            "band_m",
            "alpha",
            "cells",
            "incidents",
            "hot_cells",
            "cold_cells",
            "ns_cells"
          ],
          "properties": {
            "cell_m": {
              "type": "number",
              "minimum": 0
            },
            "bandwidth_m": {
              "type": "number",
              "minimum": 0
            },
            "band_m": {
              "type": "number",
              "minimum": 0
            },
            "alpha": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "cells": {
              "type": "integer",
              "minimum": 0
            },
            "incidents": {
              "type": "integer",
              "minimum": 0
            },
            "hot_cells": {
              "type": "integer",
              "minimum": 0
            },
            "cold_cells": {
              "type": "integer",
              "minimum": 0
            },
            "ns_cells": {
              "type": "integer",
              "minimum": 0
            }
          }
        },
        {
        "type": "object",
        "description": "On street segments (`on: streets`, `covplan hotspots --on streets`).",
        "required": ["units", "segment_m", "max_snap_m", "bandwidth_m", "alpha", "segments", "incidents", "incidents_unattached", "hot_segments", "cold_segments", "ns_segments"],
        "properties": {
          "units": { "enum": ["street_segments"] },
          "segment_m": { "type": "number", "minimum": 0 },
          "max_snap_m": { "type": "number", "minimum": 0 },
          "bandwidth_m": { "type": "number", "minimum": 0 },
          "alpha": { "type": "number", "minimum": 0, "maximum": 1 },
          "segments": { "type": "integer", "minimum": 0 },
          "incidents": { "type": "integer", "minimum": 0 },
          "incidents_unattached": { "type": "integer", "minimum": 0 },
          "hot_segments": { "type": "integer", "minimum": 0 },
          "cold_segments": { "type": "integer", "minimum": 0 },
          "ns_segments": { "type": "integer", "minimum": 0 }
        }
      }
      ]
    },
    "crime_trend": {
      "type": "object",
      "description": "Crimes per 10,000 residents per precinct and period and the change from the first to the last period (`covplan load --time-field`); `camera_impact` with installation dates (weighted displacement quotient).",
      "required": [
        "time_field",
        "period",
        "periods",
        "city_counts",
        "city_per_10k",
        "city_change_percent",
        "precincts"
      ],
      "properties": {
        "time_field": {
          "type": "string"
        },
        "period": {
          "enum": [
            "year",
            "month"
          ]
        },
        "periods": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "city_counts": {
          "type": "array",
          "items": {
            "type": "number",
            "minimum": 0
          }
        },
        "city_per_10k": {
          "type": "array"
        },
        "city_change_percent": {
          "type": [
            "number",
            "null"
          ]
        },
        "precincts": {
          "type": "array"
        },
        "camera_impact": {
          "type": "object"
        }
      }
    },
    "growth": {
      "type": "object",
      "description": "Planned housing added to the residents: the year each precinct crosses the norm and the new precinct points needed (`covplan load --housing`).",
      "required": [
        "base_year",
        "last_year",
        "norm",
        "planned_complexes",
        "planned_residents",
        "over_norm_now",
        "over_norm_end",
        "crossings",
        "new_precinct_points"
      ],
      "properties": {
        "base_year": {
          "type": "integer"
        },
        "last_year": {
          "type": "integer"
        },
        "norm": {
          "type": "number",
          "minimum": 0
        },
        "planned_complexes": {
          "type": "integer",
          "minimum": 0
        },
        "planned_residents": {
          "type": "number",
          "minimum": 0
        },
        "over_norm_now": {
          "type": "integer",
          "minimum": 0
        },
        "over_norm_end": {
          "type": "integer",
          "minimum": 0
        },
        "crossings": {
          "type": "array"
        },
        "new_precinct_points": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "placement": {
      "type": "object",
      "description": "Proposed cameras and posts: under `cameras` and `posts` the keys `covplan place cameras|posts` write (objective, proven upper_bound, gap, selected, covered fractions before/after, cost), under `anpr_cameras` those of `covplan place cameras --objective anpr-*`; `cost_tenge` is the plan's total.",
      "required": [
        "cost_tenge"
      ],
      "properties": {
        "anpr_cameras": {
          "type": "object",
          "description": "ANPR / Sergek cameras placed by direction of travel (`placement.cameras.objective: anpr_*`): targets read before and after, complete groups, the proven bound.",
          "required": ["objective", "goal", "problem", "objective_value", "gap", "proven_optimal", "selected", "cost_tenge", "targets", "groups", "rule", "proposed"],
          "properties": {
            "objective": { "enum": ["anpr-entries", "anpr-junctions", "anpr-speed", "anpr-flow"] },
            "objective_value": { "type": "number", "minimum": 0 },
            "lower_bound": { "type": "number", "minimum": 0 },
            "upper_bound": { "type": "number", "minimum": 0 },
            "gap": { "type": "number", "minimum": 0, "maximum": 1 },
            "selected": { "type": "integer", "minimum": 0 },
            "cost_tenge": { "type": "number", "minimum": 0 },
            "targets": {
              "type": "object",
              "required": ["total", "weight_total", "read_share_before", "read_share_after"],
              "properties": {
                "read_share_before": { "type": "number", "minimum": 0, "maximum": 1 },
                "read_share_after": { "type": "number", "minimum": 0, "maximum": 1 }
              }
            },
            "groups": { "type": "object", "required": ["total", "complete"] },
            "proposed": { "type": "array", "items": { "type": "object", "required": ["rank", "id", "type", "heading_deg", "cost_tenge"] } }
          }
        },
        "cameras": {
          "type": "object",
          "required": [
            "objective",
            "upper_bound",
            "gap",
            "selected",
            "covered_fraction_before",
            "covered_fraction_after",
            "cost_tenge"
          ],
          "properties": {
            "objective": {
              "type": "number",
              "minimum": 0
            },
            "upper_bound": {
              "type": "number",
              "minimum": 0
            },
            "gap": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "covered_fraction_before": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "covered_fraction_after": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "cost_tenge": {
              "type": "number",
              "minimum": 0
            },
            "selected": {
              "type": "integer",
              "minimum": 0
            }
          }
        },
        "posts": {
          "type": "object",
          "required": [
            "objective",
            "upper_bound",
            "gap",
            "selected",
            "covered_fraction_before",
            "covered_fraction_after",
            "cost_tenge"
          ],
          "properties": {
            "objective": {
              "type": "number",
              "minimum": 0
            },
            "upper_bound": {
              "type": "number",
              "minimum": 0
            },
            "gap": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "covered_fraction_before": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "covered_fraction_after": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "cost_tenge": {
              "type": "number",
              "minimum": 0
            },
            "selected": {
              "type": "integer",
              "minimum": 0
            }
          }
        },
        "cost_tenge": {
          "type": "number",
          "minimum": 0
        }
      }
    },
    "request": {
      "type": "object",
      "description": "What to ask for: every item with quantity, first-year cost (capital + one year of running cost) and net present cost over the contract, in tenge; lines per district in tables/request.csv.",
      "required": [
        "total_tenge",
        "npc_tenge",
        "by_item"
      ],
      "additionalProperties": false,
      "properties": {
        "total_tenge": {
          "type": "number"
        },
        "npc_tenge": {
          "type": "number"
        },
        "contract_years": {
          "type": "integer",
          "minimum": 0
        },
        "discount_rate": {
          "type": "number"
        },
        "unit_cost": {
          "type": "string"
        },
        "by_item": {
          "type": "object",
          "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "quantity": {
                "type": "number"
              },
              "total_tenge": {
                "type": "number"
              },
              "npc_tenge": {
                "type": "number"
              }
            }
          }
        },
        "by_district": {
          "type": "object",
          "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "total_tenge": {
                "type": "number"
              },
              "npc_tenge": {
                "type": "number"
              }
            }
          }
        }
      }
    },
    "connections": {
      "type": "object",
      "description": "Connection of objects to the operations control centre (ЦОУ) along the streets; routes in layers/connection_routes.geojson.",
      "required": [
        "objects",
        "unconnected",
        "selected",
        "selected_capex_tenge"
      ],
      "additionalProperties": false,
      "properties": {
        "source": {
          "type": "string"
        },
        "objects": {
          "type": "integer",
          "minimum": 0
        },
        "connected": {
          "type": "integer",
          "minimum": 0
        },
        "unconnected": {
          "type": "integer",
          "minimum": 0
        },
        "unreachable": {
          "type": "integer",
          "minimum": 0
        },
        "objective": {
          "type": "string",
          "enum": [
            "pupils",
            "objects"
          ]
        },
        "budget_tenge": {
          "type": [
            "number",
            "null"
          ]
        },
        "selection": {
          "type": "string"
        },
        "selected": {
          "type": "integer",
          "minimum": 0
        },
        "selected_value": {
          "type": "number"
        },
        "greedy_value": {
          "type": [
            "number",
            "null"
          ]
        },
        "selected_route_m": {
          "type": "number"
        },
        "selected_capex_tenge": {
          "type": "number"
        },
        "selected_npc_tenge": {
          "type": "number"
        },
        "all_capex_tenge": {
          "type": "number"
        },
        "pupils_unconnected": {
          "type": "number"
        },
        "fixed_tenge": {
          "type": "number"
        },
        "tenge_per_m": {
          "type": "number"
        },
        "route": {
          "type": "string"
        }
      }
    },
    "sizing": {
      "type": "object",
      "description": "Staff of round-the-clock posts (relief factor), inspectors needed per the norm, patrol units per block of the day.",
      "additionalProperties": false,
      "properties": {
        "posts": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "posts": {
              "type": "integer",
              "minimum": 0
            },
            "officers_on_duty_per_post": {
              "type": "integer",
              "minimum": 0
            },
            "relief_factor": {
              "type": "number"
            },
            "covered_hours_per_year": {
              "type": "number"
            },
            "productive_hours_per_officer": {
              "type": "number"
            },
            "officers_needed": {
              "type": "integer",
              "minimum": 0
            },
            "existing_posts_staffed": {
              "type": "boolean"
            },
            "assumptions": {
              "type": "string"
            }
          }
        },
        "inspectors": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "norm": {
              "type": "number"
            },
            "needed": {
              "type": "integer",
              "minimum": 0
            },
            "have": {
              "type": "integer",
              "minimum": 0
            },
            "missing": {
              "type": "integer",
              "minimum": 0
            }
          }
        },
        "fleet": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "target_minutes": {
              "type": "number"
            },
            "share_within_target": {
              "type": "number"
            },
            "max_units": {
              "type": "integer",
              "minimum": 0
            },
            "units_now": {
              "type": "integer",
              "minimum": 0
            },
            "units_needed": {
              "type": [
                "integer",
                "null"
              ]
            },
            "method": {
              "type": "string"
            },
            "blocks": {
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "block": {
                    "type": "string"
                  },
                  "calls": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "units_needed": {
                    "type": [
                      "integer",
                      "null"
                    ]
                  },
                  "share_at_needed": {
                    "type": [
                      "number",
                      "null"
                    ]
                  },
                  "share_with_one_fewer": {
                    "type": [
                      "number",
                      "null"
                    ]
                  }
                }
              }
            }
          }
        }
      }
    },
    "costs": {
      "type": "object",
      "description": "The cost table and net present cost (capital in year 0, running costs at the end of each year).",
      "required": [
        "contract_years",
        "discount_rate",
        "items"
      ],
      "additionalProperties": false,
      "properties": {
        "source": {
          "type": "string"
        },
        "contract_years": {
          "type": "integer",
          "minimum": 0
        },
        "discount_rate": {
          "type": "number"
        },
        "convention": {
          "type": "string"
        },
        "annuity_factor": {
          "type": "number"
        },
        "items": {
          "type": "object",
          "additionalProperties": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "capex_tenge": {
                "type": "number"
              },
              "opex_tenge_per_year": {
                "type": "number"
              },
              "npc_tenge": {
                "type": "number"
              },
              "source": {
                "type": "string"
              }
            }
          }
        },
        "connection_fixed_tenge": {
          "type": "number"
        },
        "connection_tenge_per_m": {
          "type": "number"
        },
        "cameras": {
          "type": "integer",
          "minimum": 0
        },
        "cameras_npc_tenge": {
          "type": [
            "number",
            "null"
          ]
        },
        "covered_length_m": {
          "type": [
            "number",
            "null"
          ]
        },
        "tenge_per_covered_km_year": {
          "type": [
            "number",
            "null"
          ]
        },
        "request_npc_tenge": {
          "type": "number"
        }
      }
    }
  }
}
"""#
}
