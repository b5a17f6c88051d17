"""searchCriteria: parse (both spellings) -> dataclasses -> SQL, shared by every list route."""
