/** The embed bundle's entry (/embed.js): defines <crm-chart> once, whatever else the page loads. */
import { CrmChart } from './crm-chart';

if (!customElements.get('crm-chart')) customElements.define('crm-chart', CrmChart);
