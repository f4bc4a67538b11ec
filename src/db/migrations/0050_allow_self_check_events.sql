-- The self-check (src/features/self-check) is counted by first-party analytics: that one
-- started, and which of its four results was shown. Never an answer: the events carry only
-- their name and the page, like every other event.
ALTER TABLE analytics_events DROP CONSTRAINT analytics_events_name_check;
ALTER TABLE analytics_events ADD CONSTRAINT analytics_events_name_check CHECK (name IN ('pageview',
  'request_click', 'phone_click', 'form_start', 'form_error', 'form_submitted', 'language_switch',
  'self_check_start', 'self_check_urgent', 'self_check_worth_asking', 'self_check_doctor_first',
  'self_check_other_first'));
