-- Delta sync reads the master in (version, kind, number) order.
CREATE INDEX facilities_change_order ON facilities (version, kind, number);
