"""The encrypted store: keys, drafts, sealed records, audit log, bundles and exports."""
