// The secrets benchmark's corpus, generated at bench time from the token formats the providers
// document (prefix, alphabet, length), with a seeded generator: written from those descriptions,
// not from br-guard's rule regexes, so it measures what the rules miss. Nothing here is a real secret.
import { seeded } from './lib/seeded-random.mjs';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const C = {
  alnum: LOWER + UPPER + DIGITS,
  lower: LOWER,
  letters: LOWER + UPPER,
  loweralnum: LOWER + DIGITS,
  upperalnum: UPPER + DIGITS,
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b64: LOWER + UPPER + DIGITS + '+/',
  b64url: LOWER + UPPER + DIGITS + '-_',
  b32: UPPER + '234567',
  b32lower: LOWER + '234567',
  digits: DIGITS,
  bech32: 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.toUpperCase(),
  azure: LOWER + UPPER + DIGITS + '_~.-',
};

/**
 * Providers: [name, key the value is usually stored under, format]. A format is a list of parts:
 * a literal string, or [alphabet, length] (length may be [min, max]).
 */
const uuid = [['hex', 8], '-', ['hex', 4], '-4', ['hex', 3], '-a', ['hex', 3], '-', ['hex', 12]];
export const providers = [
  ['aws-access-key', 'AWS_ACCESS_KEY_ID', ['AKIA', ['b32', 16]]],
  ['aws-session-key', 'AWS_ACCESS_KEY_ID', ['ASIA', ['b32', 16]]],
  ['aws-secret', 'AWS_SECRET_ACCESS_KEY', [['b64', 40]]],
  ['aws-bedrock', 'AWS_BEARER_TOKEN_BEDROCK', ['ABSK', ['b64', 132]]],
  ['google-api', 'GOOGLE_API_KEY', ['AIza', ['b64url', 35]]],
  ['google-oauth-secret', 'GOOGLE_CLIENT_SECRET', ['GOCSPX-', ['b64url', 28]]],
  ['google-oauth-access', 'GOOGLE_ACCESS_TOKEN', ['ya29.', ['b64url', 120]]],
  ['azure-ad-secret', 'AZURE_CLIENT_SECRET', [['alnum', 3], ['digits', 1], 'Q~', ['azure', 34]]],
  [
    'azure-storage',
    'AZURE_STORAGE_CONNECTION_STRING',
    ['DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey=', ['b64', 86], '==;EndpointSuffix=core.windows.net'],
  ],
  [
    'azure-servicebus',
    'SERVICEBUS_CONNECTION',
    ['Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=', ['b64', 43], '='],
  ],
  ['azure-devops-new', 'AZURE_DEVOPS_PAT', [['alnum', 52], 'AZDO', ['alnum', 28]]],
  ['azure-devops', 'AZURE_DEVOPS_PAT', [['b32lower', 52]]],
  ['azure-openai', 'AZURE_OPENAI_API_KEY', [['hex', 32]]],
  ['digitalocean-pat', 'DIGITALOCEAN_TOKEN', ['dop_v1_', ['hex', 64]]],
  ['digitalocean-oauth', 'DIGITALOCEAN_OAUTH', ['doo_v1_', ['hex', 64]]],
  ['digitalocean-refresh', 'DO_REFRESH_TOKEN', ['dor_v1_', ['hex', 64]]],
  ['alibaba-id', 'ALIBABA_CLOUD_ACCESS_KEY_ID', ['LTAI', ['alnum', 20]]],
  ['alibaba-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', [['alnum', 30]]],
  ['ibm-cloud', 'IBM_CLOUD_API_KEY', [['b64url', 44]]],
  ['tencent-id', 'TENCENTCLOUD_SECRET_ID', ['AKID', ['alnum', 32]]],
  ['tencent-key', 'TENCENTCLOUD_SECRET_KEY', [['alnum', 32]]],
  ['yandex-api', 'YC_API_KEY', ['AQVN', ['b64url', 36]]],
  ['linode', 'LINODE_TOKEN', [['hex', 64]]],
  ['vultr', 'VULTR_API_KEY', [['upperalnum', 36]]],
  ['scaleway-access', 'SCW_ACCESS_KEY', ['SCW', ['upperalnum', 17]]],
  ['scaleway-secret', 'SCW_SECRET_KEY', uuid],
  ['hetzner', 'HCLOUD_TOKEN', [['alnum', 64]]],
  ['cloudflare-token', 'CLOUDFLARE_API_TOKEN', [['b64url', 40]]],
  ['cloudflare-global', 'CLOUDFLARE_API_KEY', [['hex', 37]]],
  ['cloudflare-origin-ca', 'CF_ORIGIN_CA_KEY', ['v1.0-', ['hex', 24], '-', ['hex', 146]]],
  ['fly', 'FLY_API_TOKEN', ['fo1_', ['b64url', 43]]],
  ['heroku', 'HEROKU_API_KEY', uuid],
  ['heroku-v2', 'HEROKU_API_KEY', ['HRKU-AA', ['b64url', 58]]],
  ['hubspot-api-key', 'HUBSPOT_API_KEY', uuid],
  ['kucoin-api-key', 'KUCOIN_API_KEY', [['hex', 24]]],
  ['kucoin-api-secret', 'KUCOIN_API_SECRET', uuid],
  ['squarespace-api-key', 'SQUARESPACE_API_KEY', uuid],
  ['netlify', 'NETLIFY_AUTH_TOKEN', ['nfp_', ['alnum', 36]]],
  ['netlify-legacy', 'NETLIFY_AUTH_TOKEN', [['b64url', 43]]],
  ['vercel', 'VERCEL_TOKEN', [['alnum', 24]]],
  ['render', 'RENDER_API_KEY', ['rnd_', ['alnum', 32]]],
  ['railway', 'RAILWAY_TOKEN', uuid],
  ['supabase-pat', 'SUPABASE_ACCESS_TOKEN', ['sbp_', ['hex', 40]]],
  ['supabase-secret', 'SUPABASE_SECRET_KEY', ['sb_secret_', ['b64url', 32]]],
  ['planetscale-token', 'PLANETSCALE_TOKEN', ['pscale_tkn_', ['b64url', 43]]],
  ['planetscale-password', 'DATABASE_PASSWORD', ['pscale_pw_', ['b64url', 43]]],
  ['neon', 'NEON_API_KEY', ['napi_', ['loweralnum', 64]]],
  ['databricks', 'DATABRICKS_TOKEN', ['dapi', ['hex', 32]]],
  ['mongodb-atlas-key', 'MONGODB_ATLAS_PRIVATE_KEY', uuid],
  ['doppler', 'DOPPLER_TOKEN', ['dp.st.', ['alnum', 43]]],
  ['vault', 'VAULT_TOKEN', ['hvs.', ['b64url', 90]]],
  ['pulumi', 'PULUMI_ACCESS_TOKEN', ['pul-', ['hex', 40]]],
  ['terraform-cloud', 'TF_TOKEN_app_terraform_io', [['alnum', 14], '.atlasv1.', ['b64url', 67]]],
  ['onepassword-sa', 'OP_SERVICE_ACCOUNT_TOKEN', ['ops_eyJ', ['b64', 300]]],
  [
    'onepassword-secret-key',
    'OP_SECRET_KEY',
    ['A3-', ['upperalnum', 6], '-', ['upperalnum', 11], '-', ['upperalnum', 5], '-', ['upperalnum', 5], '-', ['upperalnum', 5]],
  ],
  ['age', 'SOPS_AGE_KEY', ['AGE-SECRET-KEY-1', ['bech32', 58]]],
  ['openshift', 'OPENSHIFT_TOKEN', ['sha256~', ['b64url', 43]]],
  ['tailscale', 'TS_AUTHKEY', ['tskey-auth-', ['alnum', 17], '-', ['alnum', 33]]],
  ['ngrok', 'NGROK_AUTHTOKEN', [['alnum', 27], '_', ['alnum', 21]]],
  ['deno-deploy', 'DENO_DEPLOY_TOKEN', ['ddp_', ['alnum', 36]]],
  ['fastly', 'FASTLY_API_TOKEN', [['b64url', 32]]],
  ['octopus', 'OCTOPUS_API_KEY', ['API-', ['upperalnum', 26]]],
  ['circleci', 'CIRCLECI_TOKEN', ['CCIPAT_', ['alnum', 22], '_', ['hex', 40]]],
  ['buildkite', 'BUILDKITE_API_TOKEN', ['bkua_', ['hex', 40]]],
  ['sonarqube', 'SONAR_TOKEN', ['sqp_', ['hex', 40]]],
  ['codecov', 'CODECOV_TOKEN', uuid],
  ['infracost', 'INFRACOST_API_KEY', ['ico-', ['alnum', 32]]],
  ['prefect', 'PREFECT_API_KEY', ['pnu_', ['alnum', 36]]],
  ['github-pat', 'GITHUB_TOKEN', ['ghp_', ['alnum', 36]]],
  ['github-oauth', 'GH_OAUTH_TOKEN', ['gho_', ['alnum', 36]]],
  ['github-user-to-server', 'GH_TOKEN', ['ghu_', ['alnum', 36]]],
  ['github-server-to-server', 'GITHUB_APP_TOKEN', ['ghs_', ['alnum', 36]]],
  ['github-refresh', 'GITHUB_REFRESH_TOKEN', ['ghr_', ['alnum', 76]]],
  ['github-fine-grained', 'GITHUB_PAT', ['github_pat_', ['alnum', 22], '_', ['alnum', 59]]],
  ['github-client-secret', 'GITHUB_CLIENT_SECRET', [['hex', 40]]],
  ['gitlab-pat', 'GITLAB_TOKEN', ['glpat-', ['b64url', 20]]],
  ['gitlab-pipeline-trigger', 'GITLAB_TRIGGER_TOKEN', ['glptt-', ['hex', 40]]],
  ['gitlab-runner', 'CI_RUNNER_TOKEN', ['glrt-', ['b64url', 20]]],
  ['gitlab-deploy', 'GITLAB_DEPLOY_TOKEN', ['gldt-', ['b64url', 20]]],
  ['gitlab-feed', 'GITLAB_FEED_TOKEN', ['glft-', ['b64url', 20]]],
  ['gitlab-oauth-secret', 'GITLAB_OAUTH_SECRET', ['gloas-', ['hex', 64]]],
  ['gitlab-scim', 'GITLAB_SCIM_TOKEN', ['glsoat-', ['b64url', 20]]],
  ['gitlab-ci-build', 'CI_JOB_TOKEN', ['glcbt-', ['hex', 2], '_', ['b64url', 20]]],
  ['gitlab-incoming-mail', 'GITLAB_INCOMING_EMAIL_TOKEN', ['glimt-', ['b64url', 25]]],
  ['gitlab-agent', 'GITLAB_AGENT_TOKEN', ['glagent-', ['b64url', 50]]],
  ['gitlab-runner-registration', 'RUNNER_REGISTRATION_TOKEN', ['GR1348941', ['b64url', 20]]],
  ['atlassian', 'ATLASSIAN_API_TOKEN', ['ATATT3', ['b64url', 186]]],
  ['bitbucket-app-password', 'BITBUCKET_APP_PASSWORD', ['ATBB', ['alnum', 32]]],
  ['jira-legacy', 'JIRA_API_TOKEN', [['alnum', 24]]],
  ['slack-bot', 'SLACK_BOT_TOKEN', ['xoxb-', ['digits', 12], '-', ['digits', 13], '-', ['alnum', 24]]],
  ['slack-user', 'SLACK_USER_TOKEN', ['xoxp-', ['digits', 12], '-', ['digits', 12], '-', ['digits', 13], '-', ['hex', 32]]],
  ['slack-app', 'SLACK_APP_TOKEN', ['xapp-1-A', ['upperalnum', 10], '-', ['digits', 13], '-', ['hex', 64]]],
  ['slack-config', 'SLACK_CONFIG_TOKEN', ['xoxe.xoxp-1-', ['alnum', 160]]],
  ['slack-config-refresh', 'SLACK_CONFIG_REFRESH_TOKEN', ['xoxe-1-', ['alnum', 150]]],
  [
    'slack-webhook',
    'SLACK_WEBHOOK_URL',
    ['https://hooks.slack.com/services/T', ['upperalnum', 10], '/B', ['upperalnum', 10], '/', ['alnum', 24]],
  ],
  [
    'slack-workflow-webhook',
    'SLACK_WORKFLOW_URL',
    ['https://hooks.slack.com/workflows/T', ['upperalnum', 10], '/A', ['upperalnum', 10], '/', ['digits', 18], '/', ['alnum', 24]],
  ],
  ['slack-signing', 'SLACK_SIGNING_SECRET', [['hex', 32]]],
  ['discord-webhook', 'DISCORD_WEBHOOK_URL', ['https://discord.com/api/webhooks/', ['digits', 18], '/', ['b64url', 68]]],
  ['discord-bot', 'DISCORD_BOT_TOKEN', ['M', ['b64url', 25], '.', ['b64url', 6], '.', ['b64url', 38]]],
  ['telegram', 'TELEGRAM_BOT_TOKEN', [['digits', 10], ':AA', ['b64url', 33]]],
  [
    'teams-webhook',
    'TEAMS_WEBHOOK_URL',
    ['https://contoso.webhook.office.com/webhookb2/', ...uuid, '@', ...uuid, '/IncomingWebhook/', ['hex', 32], '/', ...uuid],
  ],
  [
    'google-chat-webhook',
    'GOOGLE_CHAT_WEBHOOK',
    ['https://chat.googleapis.com/v1/spaces/AAAA', ['b64url', 7], '/messages?key=AIza', ['b64url', 35], '&token=', ['b64url', 43], '%3D'],
  ],
  ['zapier-webhook', 'ZAPIER_HOOK', ['https://hooks.zapier.com/hooks/catch/', ['digits', 7], '/', ['loweralnum', 6], '/']],
  ['stripe-live', 'STRIPE_SECRET_KEY', ['sk_live_', ['alnum', 99]]],
  ['stripe-test', 'STRIPE_SECRET_KEY', ['sk_test_', ['alnum', 24]]],
  ['stripe-restricted-live', 'STRIPE_RESTRICTED_KEY', ['rk_live_', ['alnum', 99]]],
  ['stripe-restricted-test', 'STRIPE_RESTRICTED_KEY', ['rk_test_', ['alnum', 24]]],
  ['stripe-webhook', 'STRIPE_WEBHOOK_SECRET', ['whsec_', ['alnum', 32]]],
  ['square-access', 'SQUARE_ACCESS_TOKEN', ['EAAA', ['b64url', 60]]],
  ['square-oauth', 'SQUARE_APPLICATION_SECRET', ['sq0csp-', ['b64url', 43]]],
  ['braintree', 'BRAINTREE_ACCESS_TOKEN', ['access_token$production$', ['loweralnum', 16], '$', ['hex', 32]]],
  ['paypal', 'PAYPAL_CLIENT_SECRET', [['b64url', 80]]],
  ['adyen', 'ADYEN_API_KEY', ['AQE', ['alnum', 30], '.', ['b64url', 60], '.', ['b64url', 20]]],
  ['shopify-access', 'SHOPIFY_ACCESS_TOKEN', ['shpat_', ['hex', 32]]],
  ['shopify-custom-app', 'SHOPIFY_CUSTOM_APP_TOKEN', ['shpca_', ['hex', 32]]],
  ['shopify-private-app', 'SHOPIFY_PRIVATE_APP_PASSWORD', ['shppa_', ['hex', 32]]],
  ['shopify-shared-secret', 'SHOPIFY_SHARED_SECRET', ['shpss_', ['hex', 32]]],
  ['razorpay', 'RAZORPAY_KEY_SECRET', [['alnum', 24]]],
  ['flutterwave', 'FLW_SECRET_KEY', ['FLWSECK_TEST-', ['hex', 32], '-X']],
  ['plaid-access', 'PLAID_ACCESS_TOKEN', ['access-production-', ...uuid]],
  ['plaid-secret', 'PLAID_SECRET', [['hex', 30]]],
  ['mollie', 'MOLLIE_API_KEY', ['live_', ['alnum', 30]]],
  ['shippo', 'SHIPPO_API_TOKEN', ['shippo_live_', ['hex', 40]]],
  ['easypost', 'EASYPOST_API_KEY', ['EZAK', ['alnum', 54]]],
  ['duffel', 'DUFFEL_ACCESS_TOKEN', ['duffel_live_', ['b64url', 43]]],
  ['paystack', 'PAYSTACK_SECRET_KEY', ['sk_live_', ['hex', 40]]],
  ['openai-project', 'OPENAI_API_KEY', ['sk-proj-', ['b64url', 74], 'T3BlbkFJ', ['b64url', 74]]],
  ['openai-service-account', 'OPENAI_API_KEY', ['sk-svcacct-', ['b64url', 74], 'T3BlbkFJ', ['b64url', 74]]],
  ['openai-legacy', 'OPENAI_API_KEY', ['sk-', ['alnum', 20], 'T3BlbkFJ', ['alnum', 20]]],
  ['anthropic', 'ANTHROPIC_API_KEY', ['sk-ant-api03-', ['b64url', 93], 'AA']],
  ['anthropic-admin', 'ANTHROPIC_ADMIN_KEY', ['sk-ant-admin01-', ['b64url', 93], 'AA']],
  ['huggingface', 'HF_TOKEN', ['hf_', ['letters', 34]]],
  ['huggingface-org', 'HUGGINGFACE_ORG_TOKEN', ['api_org_', ['letters', 34]]],
  ['cohere', 'COHERE_API_KEY', [['alnum', 40]]],
  ['replicate', 'REPLICATE_API_TOKEN', ['r8_', ['alnum', 37]]],
  ['groq', 'GROQ_API_KEY', ['gsk_', ['alnum', 52]]],
  ['mistral', 'MISTRAL_API_KEY', [['alnum', 32]]],
  ['perplexity', 'PERPLEXITY_API_KEY', ['pplx-', ['alnum', 48]]],
  ['xai', 'XAI_API_KEY', ['xai-', ['alnum', 80]]],
  ['openrouter', 'OPENROUTER_API_KEY', ['sk-or-v1-', ['hex', 64]]],
  ['deepseek', 'DEEPSEEK_API_KEY', ['sk-', ['hex', 32]]],
  ['together', 'TOGETHER_API_KEY', [['hex', 64]]],
  ['fireworks', 'FIREWORKS_API_KEY', ['fw_', ['alnum', 24]]],
  ['langsmith', 'LANGSMITH_API_KEY', ['lsv2_pt_', ['hex', 32], '_', ['hex', 10]]],
  ['pinecone', 'PINECONE_API_KEY', ['pcsk_', ['alnum', 5], '_', ['alnum', 63]]],
  ['elevenlabs', 'ELEVENLABS_API_KEY', ['sk_', ['hex', 48]]],
  ['npm', 'NPM_TOKEN', ['npm_', ['alnum', 36]]],
  ['pypi', 'PYPI_API_TOKEN', ['pypi-AgEIcHlwaS5vcmc', ['b64url', 70]]],
  ['rubygems', 'GEM_HOST_API_KEY', ['rubygems_', ['hex', 48]]],
  ['nuget', 'NUGET_API_KEY', ['oy2', ['loweralnum', 43]]],
  ['dockerhub', 'DOCKERHUB_TOKEN', ['dckr_pat_', ['b64url', 27]]],
  ['jfrog-api', 'ARTIFACTORY_API_KEY', ['AKCp', ['alnum', 69]]],
  ['jfrog-identity', 'JFROG_ACCESS_TOKEN', ['cmVmdGtuOjAxOj', ['alnum', 50]]],
  ['crates-io', 'CARGO_REGISTRY_TOKEN', ['cio', ['alnum', 32]]],
  ['clojars', 'CLOJARS_TOKEN', ['CLOJARS_', ['loweralnum', 60]]],
  ['datadog-api', 'DD_API_KEY', [['hex', 32]]],
  ['datadog-app', 'DD_APP_KEY', [['hex', 40]]],
  ['newrelic-user', 'NEW_RELIC_API_KEY', ['NRAK-', ['upperalnum', 27]]],
  ['newrelic-insert', 'NEW_RELIC_INSERT_KEY', ['NRII-', ['b64url', 32]]],
  ['newrelic-license', 'NEW_RELIC_LICENSE_KEY', [['hex', 36], 'NRAL']],
  ['sentry-org', 'SENTRY_AUTH_TOKEN', ['sntrys_eyJpYXQiOjE3MDAwMDAwMDB9', ['b64url', 100]]],
  ['sentry-user', 'SENTRY_AUTH_TOKEN', ['sntryu_', ['hex', 64]]],
  ['grafana-cloud', 'GRAFANA_CLOUD_TOKEN', ['glc_', ['b64', 120]]],
  ['grafana-service-account', 'GRAFANA_TOKEN', ['glsa_', ['alnum', 32], '_', ['hex', 8]]],
  ['honeycomb', 'HONEYCOMB_API_KEY', [['alnum', 22]]],
  ['dynatrace', 'DT_API_TOKEN', ['dt0c01.', ['upperalnum', 24], '.', ['upperalnum', 64]]],
  ['pagerduty', 'PAGERDUTY_TOKEN', [['alnum', 20]]],
  ['rollbar', 'ROLLBAR_ACCESS_TOKEN', [['hex', 32]]],
  ['bugsnag', 'BUGSNAG_API_KEY', [['hex', 32]]],
  ['posthog-personal', 'POSTHOG_PERSONAL_API_KEY', ['phx_', ['alnum', 43]]],
  ['twilio-api-key', 'TWILIO_API_KEY', ['SK', ['hex', 32]]],
  ['twilio-auth', 'TWILIO_AUTH_TOKEN', [['hex', 32]]],
  ['sendgrid', 'SENDGRID_API_KEY', ['SG.', ['b64url', 22], '.', ['b64url', 43]]],
  ['mailgun', 'MAILGUN_API_KEY', ['key-', ['hex', 32]]],
  ['mailchimp', 'MAILCHIMP_API_KEY', [['hex', 32], '-us', ['digits', 2]]],
  ['postmark', 'POSTMARK_SERVER_TOKEN', uuid],
  ['brevo', 'BREVO_API_KEY', ['xkeysib-', ['hex', 64], '-', ['alnum', 16]]],
  ['mailersend', 'MAILERSEND_API_KEY', ['mlsn.', ['hex', 64]]],
  ['resend', 'RESEND_API_KEY', ['re_', ['alnum', 8], '_', ['alnum', 24]]],
  ['postman', 'POSTMAN_API_KEY', ['PMAK-', ['hex', 24], '-', ['hex', 34]]],
  ['notion-legacy', 'NOTION_TOKEN', ['secret_', ['alnum', 43]]],
  ['notion', 'NOTION_API_KEY', ['ntn_', ['digits', 11], ['alnum', 35]]],
  ['linear', 'LINEAR_API_KEY', ['lin_api_', ['alnum', 40]]],
  ['airtable', 'AIRTABLE_TOKEN', ['pat', ['alnum', 14], '.', ['hex', 64]]],
  ['okta', 'OKTA_API_TOKEN', ['00', ['b64url', 40]]],
  ['auth0', 'AUTH0_CLIENT_SECRET', [['b64url', 64]]],
  ['sourcegraph', 'SRC_ACCESS_TOKEN', ['sgp_', ['hex', 16], '_', ['hex', 40]]],
  ['sourcegraph-legacy', 'SRC_ACCESS_TOKEN', ['sgp_', ['hex', 40]]],
  ['snyk', 'SNYK_TOKEN', uuid],
  ['asana', 'ASANA_PAT', ['1/', ['digits', 16], '/', ['digits', 16], ':', ['hex', 32]]],
  ['figma', 'FIGMA_TOKEN', ['figd_', ['b64url', 40]]],
  ['hubspot', 'HUBSPOT_ACCESS_TOKEN', ['pat-na1-', ...uuid]],
  ['zendesk', 'ZENDESK_API_TOKEN', [['alnum', 40]]],
  ['facebook', 'FACEBOOK_ACCESS_TOKEN', ['EAA', ['alnum', 180]]],
  ['twitter-bearer', 'TWITTER_BEARER_TOKEN', ['AAAAAAAAAAAAAAAAAAAAA', ['alnum', 50], '%3D', ['alnum', 40]]],
  ['contentful', 'CONTENTFUL_MANAGEMENT_TOKEN', ['CFPAT-', ['b64url', 43]]],
  ['typeform', 'TYPEFORM_TOKEN', ['tfp_', ['b64url', 59]]],
  ['mapbox-secret', 'MAPBOX_SECRET_TOKEN', ['sk.eyJ', ['b64url', 60], '.', ['b64url', 22]]],
  ['algolia', 'ALGOLIA_ADMIN_KEY', [['hex', 32]]],
  ['readme', 'README_API_KEY', ['rdme_', ['loweralnum', 70]]],
  ['adobe', 'ADOBE_CLIENT_SECRET', ['p8e-', ['alnum', 32]]],
  ['fcm', 'FCM_SERVER_KEY', ['AAAA', ['b64url', 7], ':APA91b', ['b64url', 134]]],
  ['trello', 'TRELLO_TOKEN', ['ATTA', ['hex', 64]]],
  ['launchdarkly', 'LAUNCHDARKLY_SDK_KEY', ['sdk-', ...uuid]],
  ['dropbox', 'DROPBOX_ACCESS_TOKEN', ['sl.', ['b64url', 140]]],
  ['telnyx', 'TELNYX_API_KEY', ['KEY', ['HEX', 32], '_', ['alnum', 22]]],
  ['harness', 'HARNESS_API_KEY', ['pat.', ['b64url', 22], '.', ['hex', 24], '.', ['alnum', 20]]],
  ['frameio', 'FRAMEIO_TOKEN', ['fio-u-', ['b64url', 64]]],
  ['salesforce', 'SF_ACCESS_TOKEN', ['00D', ['alnum', 15], '!', ['alnum', 96]]],
  ['pscale-oauth', 'PLANETSCALE_OAUTH', ['pscale_oauth_', ['b64url', 43]]],
];

/** Special values that are not single tokens: keys and connection strings. */
function specials(rng) {
  const s = (alphabet, n) => pick(rng, alphabet, n);
  const pem = (kind) =>
    `-----BEGIN ${kind}PRIVATE KEY-----\n${Array.from({ length: 8 }, () => s('b64', 64)).join('\n')}\n-----END ${kind}PRIVATE KEY-----`;
  return [
    ['private-key-rsa', 'PRIVATE_KEY', pem('RSA '), 'pem'],
    ['private-key-openssh', 'SSH_KEY', pem('OPENSSH '), 'pem'],
    ['private-key-ec', 'EC_KEY', pem('EC '), 'pem'],
    ['private-key-pkcs8', 'TLS_KEY', pem(''), 'pem'],
    [
      'pgp-private-key',
      'PGP_KEY',
      `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${Array.from({ length: 6 }, () => s('b64', 64)).join('\n')}\n=${s('b64', 4)}\n-----END PGP PRIVATE KEY BLOCK-----`,
      'pem',
    ],
    ['postgres-url', 'DATABASE_URL', `postgres://app_user:${s('alnum', 20)}@db.internal:5432/app`],
    ['mongodb-url', 'MONGODB_URI', `mongodb+srv://admin:${s('alnum', 16)}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true`],
    ['mysql-url', 'MYSQL_URL', `mysql://root:${s('alnum', 18)}@10.0.0.5:3306/shop`],
    ['redis-url', 'REDIS_URL', `rediss://default:${s('alnum', 24)}@cache.internal:6380`],
    ['amqp-url', 'AMQP_URL', `amqps://worker:${s('alnum', 20)}@mq.internal/vhost`],
    ['jwt', 'ACCESS_TOKEN', jwt(rng)],
    ['jwt-base64', 'ENCODED_TOKEN', Buffer.from(jwt(rng)).toString('base64')],
    ['password', 'DB_PASSWORD', `${s('alnum', 6)}${s('digits', 2)}!${s('alnum', 8)}`],
    ['generic-secret', 'APP_SECRET', s('alnum', 32)],
    ['generic-api-key', 'API_KEY', s('alnum', 40)],
    ['client-secret', 'OAUTH_CLIENT_SECRET', s('b64url', 48)],
  ];
}

function jwt(rng) {
  const b64 = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: pick(rng, 'hex', 12), iat: 1700000000 + Math.floor(rng() * 1e6), role: 'admin' })}.${pick(rng, 'b64url', 43)}`;
}

function pick(rng, alphabet, n) {
  const chars = C[alphabet];
  let out = '';
  for (let i = 0; i < n; i++) out += chars[Math.floor(rng() * chars.length)];
  return out;
}

export function generateToken(rng, format) {
  return format.map((part) => (typeof part === 'string' ? part : pick(rng, part[0], part[1]))).join('');
}

const camel = (key) => key.toLowerCase().replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const lower = (key) => key.toLowerCase();
const esc = (value) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * The forms a value is written in: [name, file extension, render(KEY, value)]. Each is one a
 * scanner must read: quoted and bare, config formats, shell, build files, five languages, XML.
 */
export const forms = [
  ['dotenv', '.env', (k, v) => `# service\n${k}=${v}\n`],
  ['dotenv-quoted', '.env', (k, v) => `${k}="${v}"\n`],
  ['shell-export', '.sh', (k, v) => `#!/bin/sh\nexport ${k}=${v}\n./run.sh\n`],
  ['yaml', '.yml', (k, v) => `env:\n  ${lower(k)}: ${v}\n  region: eu-west-1\n`],
  ['yaml-quoted', '.yaml', (k, v) => `${lower(k)}: "${v}"\n`],
  ['json', '.json', (k, v) => `{\n  "${camel(k)}": "${v}",\n  "debug": false\n}\n`],
  ['json-escaped', '.json', (k, v) => `{"config": "{\\"${lower(k)}\\": \\"${esc(v)}\\"}"}\n`],
  ['toml', '.toml', (k, v) => `[service]\n${lower(k)} = "${v}"\n`],
  ['ini', '.ini', (k, v) => `[default]\n${lower(k)} = ${v}\n`],
  ['properties', '.properties', (k, v) => `app.${lower(k).replace(/_/g, '.')}=${v}\n`],
  ['makefile', 'Makefile', (k, v) => `${k} := ${v}\nbuild:\n\t./build.sh\n`],
  ['makefile-default', 'Makefile', (k, v) => `${k} ?= ${v}\n`],
  ['dockerfile-env', 'Dockerfile', (k, v) => `FROM node:20\nENV ${k}=${v}\n`],
  ['dockerfile-env-space', 'Dockerfile', (k, v) => `FROM node:20\nENV ${k} ${v}\n`],
  ['go', '.go', (k, v) => `package main\n\nvar ${camel(k)} string = "${v}"\n`],
  ['go-short', '.go', (k, v) => `func main() {\n\t${camel(k)} := "${v}"\n}\n`],
  ['java-property', '.java', (k, v) => `class App {\n  static { System.setProperty("${lower(k).replace(/_/g, '.')}", "${v}"); }\n}\n`],
  ['java-field', '.java', (k, v) => `class Config {\n  private static final String ${k} = "${v}";\n}\n`],
  ['php-append', '.php', (k, v) => `<?php\n$${camel(k)} = '';\n$${camel(k)} .= '${v}';\n`],
  ['php-array', '.php', (k, v) => `<?php\nreturn [\n  '${lower(k)}' => '${v}',\n];\n`],
  ['csharp', '.cs', (k, v) => `var ${camel(k)} = @"${v}";\n`],
  ['python', '.py', (k, v) => `${k} = "${v}"\n`],
  ['python-environ', '.py', (k, v) => `import os\nos.environ["${k}"] = '${v}'\n`],
  ['js', '.js', (k, v) => `const ${camel(k)} = '${v}';\n`],
  ['ts-object', '.ts', (k, v) => `export const config = {\n  ${camel(k)}: \`${v}\`,\n};\n`],
  ['xml-element', '.xml', (k, v) => `<config>\n  <${camel(k)}>\n    ${v}\n  </${camel(k)}>\n</config>\n`],
  ['xml-attributes', '.config', (k, v) => `<appSettings>\n  <add key="${k}" value="${v}" />\n</appSettings>\n`],
  ['hcl', '.tf', (k, v) => `variable "x" {}\nprovider "p" {\n  ${lower(k)} = "${v}"\n}\n`],
];
/** PEM blocks only make sense where a multi-line value can sit. */
const pemForms = new Set(['dotenv-quoted', 'yaml-block', 'json-escaped', 'python', 'js', 'xml-element']);

/** Values that must never be reported, each in several forms. */
function negatives(rng) {
  const s = (alphabet, n) => pick(rng, alphabet, n);
  const salt = s('b64', 22).replace(/\+/g, '.');
  return [
    ['bcrypt', 'PASSWORD', `$2b$12$${salt}${s('alnum', 31)}`],
    ['bcrypt-2a', 'password_hash', `$2a$10$${salt}${s('alnum', 31)}`],
    ['argon2', 'PASSWORD', `$argon2id$v=19$m=65536,t=3,p=4$${s('b64', 22)}$${s('b64', 43)}`],
    ['scrypt', 'password', `$scrypt$ln=16,r=8,p=1$${s('b64', 22)}$${s('b64', 43)}`],
    ['django-pbkdf2', 'password', `pbkdf2_sha256$600000$${s('alnum', 22)}$${s('b64', 43)}=`],
    ['sha256-hex', 'checksum', s('hex', 64)],
    ['sha1-commit', 'commit', s('hex', 40)],
    ['md5', 'etag', s('hex', 32)],
    ['integrity', 'integrity', `sha512-${s('b64', 86)}==`],
    ['docker-digest', 'image_digest', `sha256:${s('hex', 64)}`],
    ['uuid', 'request_id', `${s('hex', 8)}-${s('hex', 4)}-4${s('hex', 3)}-8${s('hex', 3)}-${s('hex', 12)}`],
    ['uuid-secretish', 'session_id', `${s('hex', 8)}-${s('hex', 4)}-4${s('hex', 3)}-9${s('hex', 3)}-${s('hex', 12)}`],
    ['placeholder-env', 'API_KEY', '${API_KEY}'],
    ['placeholder-template', 'SECRET_KEY', '{{ secret_key }}'],
    ['placeholder-angle', 'GITHUB_TOKEN', '<your-github-token>'],
    ['placeholder-x', 'STRIPE_SECRET_KEY', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
    ['placeholder-changeme', 'DB_PASSWORD', 'changeme'],
    ['placeholder-process-env', 'token', 'process.env.GITHUB_TOKEN'],
    ['placeholder-actions', 'token', '${{ secrets.GITHUB_TOKEN }}'],
    ['placeholder-your', 'OPENAI_API_KEY', 'your-openai-api-key-here'],
    ['placeholder-stars', 'PASSWORD', '********'],
    ['aws-example', 'AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
    ['aws-example-secret', 'AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['stripe-docs', 'STRIPE_SECRET_KEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    [
      'jwt-io-sample',
      'token',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    ['lookalike-short-ghp', 'note', 'ghp_short'],
    ['lookalike-akia-word', 'AKIA_PREFIX', 'AKIA'],
    ['lookalike-sk-words', 'model', 'sk-learn-classifier'],
    ['lookalike-xoxb', 'slack_doc', 'xoxb-not-a-token'],
    ['lookalike-path', 'PASSWORD_FILE', '/run/secrets/db_password'],
    ['lookalike-url-no-password', 'DATABASE_URL', 'postgres://app@db.internal:5432/app'],
    ['lookalike-url-env-password', 'DATABASE_URL', 'postgres://app:${DB_PASS}@db:5432/app'],
    ['lookalike-secret-name', 'SECRET_NAME', 'prod/db/credentials-v2'],
    ['lookalike-token-url', 'TOKEN_URL', 'https://oauth2.googleapis.com/token'],
    ['lookalike-key-id', 'KMS_KEY_ID', `arn:aws:kms:eu-west-1:${s('digits', 12)}:key/${s('hex', 8)}`],
    ['lookalike-client-id', 'GOOGLE_CLIENT_ID', `${s('digits', 12)}-${s('loweralnum', 32)}.apps.googleusercontent.com`],
    ['lookalike-heroku-app-id', 'HEROKU_APP_ID', `${s('hex', 8)}-${s('hex', 4)}-4${s('hex', 3)}-a${s('hex', 3)}-${s('hex', 12)}`],
    ['lookalike-hubspot-portal-id', 'HUBSPOT_PORTAL_ID', `${s('hex', 8)}-${s('hex', 4)}-4${s('hex', 3)}-a${s('hex', 3)}-${s('hex', 12)}`],
    ['lookalike-publishable', 'STRIPE_PUBLISHABLE_KEY', `pk_live_${s('alnum', 24)}`],
    ['lookalike-words', 'password_hint', 'the-name-of-your-first-pet'],
    ['lookalike-i18n-key', 'key', 'auth.password.reset.title'],
    ['lookalike-git-sha-token', 'token_commit', s('hex', 40)],
  ];
}
/** A code line that reads a secret rather than holding one. */
const codeNegatives = [
  ['js', `const password = getPassword();\nconst token = process.env.API_TOKEN;\n`],
  ['py', `password = os.environ["DB_PASSWORD"]\napi_key = settings.API_KEY\n`],
  ['go', `token := os.Getenv("GITHUB_TOKEN")\nsecret := cfg.Secret\n`],
  ['java', `String password = System.getenv("DB_PASSWORD");\n`],
  ['ts', `if (!apiKey) throw new Error("missing api key");\nconst secretKey = await vault.read(path);\n`],
];

/** The corpus: positive files (each knows its secret and line) and negative files. */
export function buildCorpus(seed = 20261202, perProvider = 2) {
  const rng = seeded(seed);
  const positives = [];
  const all = [
    ...providers.map(([name, key, format]) => ({ name, key, make: () => generateToken(rng, format) })),
    ...specials(rng).map(([name, key, , kind]) => ({ name, key, kind, make: () => specials(rng).find((s) => s[0] === name)[2] })),
  ];
  for (const provider of all) {
    for (let n = 0; n < perProvider; n++) {
      const secret = provider.make();
      for (const [form, ext, render] of forms) {
        if (provider.kind === 'pem' && !pemForms.has(form)) continue;
        const value = provider.kind === 'pem' ? pemValue(form, secret) : secret;
        positives.push({
          provider: provider.name,
          form,
          path: `pos/${provider.name}-${n}-${form}${ext.startsWith('.') ? ext : `/${ext}`}`,
          text: render(provider.key, value),
          secret,
        });
      }
    }
  }
  const negativeFiles = [];
  for (let n = 0; n < 2; n++) {
    for (const [name, key, value] of negatives(rng)) {
      for (const [form, ext, render] of forms)
        negativeFiles.push({
          name,
          form,
          path: `neg/${name}-${n}-${form}${ext.startsWith('.') ? ext : `/${ext}`}`,
          text: render(key, value),
        });
    }
  }
  for (const [ext, text] of codeNegatives) negativeFiles.push({ name: `code-${ext}`, form: ext, path: `neg/code.${ext}`, text });
  return { positives, negatives: negativeFiles, providers: all.length };
}

function pemValue(form, pem) {
  if (form === 'json-escaped' || form === 'dotenv-quoted') return pem.replace(/\n/g, '\\n');
  return pem;
}
