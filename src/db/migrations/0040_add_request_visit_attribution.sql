-- Where the visit that sent a request began, as the analytics dashboard counts it (docs/decisions/
-- 0007-the-campaign-of-a-request-is-its-visit.md): the visit's landing page and its five UTM values
-- (the existing `campaign` column holds utm_campaign). Found from the day's analytics events by the
-- same cookieless visitor hash; never anything the patient typed.
ALTER TABLE requests
  ADD COLUMN landing_page text CHECK (char_length(landing_page) <= 300),
  ADD COLUMN utm_source text CHECK (char_length(utm_source) <= 100),
  ADD COLUMN utm_medium text CHECK (char_length(utm_medium) <= 100),
  ADD COLUMN utm_term text CHECK (char_length(utm_term) <= 100),
  ADD COLUMN utm_content text CHECK (char_length(utm_content) <= 100);
